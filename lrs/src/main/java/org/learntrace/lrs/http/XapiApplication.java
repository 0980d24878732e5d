package org.learntrace.lrs.http;

import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.learntrace.lrs.Credential;
import org.learntrace.lrs.spi.LrsStore;
import org.learntrace.xapi.XapiVersion;

/** The Jersey application of the LRS: every resource, filter and the error mapper. */
public final class XapiApplication {
  // Jersey warns that resource instances "implement no provider interface"; they are resources, not providers.
  private static final Logger PROVIDER_CHECK = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

  static {
    PROVIDER_CHECK.setLevel(Level.SEVERE);
  }

  private XapiApplication() {}

  /**
   * The resource configuration.
   *
   * @param store where statements and documents live
   * @param credentials who may call
   * @param clock the clock for document times
   * @param homePage the IRL naming this LRS in authority accounts
   * @param defaultVersion the version named in responses to requests that name none
   * @param inFlight the counter of requests being handled, for graceful shutdown
   */
  public static ResourceConfig create(LrsStore store, List<Credential> credentials, Clock clock, String homePage,
      XapiVersion defaultVersion, InFlightRequests inFlight) {
    LrsContext lrs = new LrsContext(store, clock, homePage);
    ResourceConfig config = new ResourceConfig();
    config.register(inFlight);
    config.register(new AlternateSyntaxFilter());
    config.register(new AccessFilter(credentials));
    config.register(new ResponseHeadersFilter(defaultVersion, clock));
    config.register(new ErrorMapper());
    config.register(new StatementsResource(lrs));
    config.register(new StateResource(lrs));
    config.register(new ActivityProfileResource(lrs));
    config.register(new AgentProfileResource(lrs));
    config.register(new ActivitiesResource(lrs));
    config.register(new AgentsResource(lrs));
    config.register(new AboutResource(lrs));
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    return config;
  }
}
