package org.learntrace.sdk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;

/**
 * Device and network context of an event.
 *
 * <p>The raw user agent, the IP address and the device id are on the never-send list: they are
 * accepted here only so that the SDK can derive the device class, and are never written to the
 * outbox (they are not part of the serialized form).
 *
 * @param deviceClass phone, tablet or desktop; derived from {@code userAgent} when null
 * @param network the network type, or null
 * @param syncedLate whether the event reached the platform after an offline period
 * @param bytesUsed data used by the activity, or null
 * @param userAgent the raw user agent, or null; never sent
 * @param ipAddress the client's IP address, or null; never sent
 * @param deviceId a device identifier, or null; never sent
 */
public record Device(
    DeviceClass deviceClass,
    NetworkType network,
    boolean syncedLate,
    Long bytesUsed,
    @JsonIgnore String userAgent,
    @JsonIgnore String ipAddress,
    @JsonIgnore String deviceId) {

  /** Derives the device class from the user agent when it is not given. */
  public Device {
    if (deviceClass == null) {
      deviceClass = DeviceClass.fromUserAgent(userAgent);
    }
  }

  /** A device of a known class on a known network. */
  public static Device of(DeviceClass deviceClass, NetworkType network) {
    return new Device(deviceClass, network, false, null, null, null, null);
  }

  /** The kind of device, the only device information that leaves the platform. */
  public enum DeviceClass {
    PHONE,
    TABLET,
    DESKTOP,
    UNKNOWN;

    /** A coarse class from a raw user agent; {@code UNKNOWN} for null. */
    public static DeviceClass fromUserAgent(String userAgent) {
      if (userAgent == null) {
        return UNKNOWN;
      }
      String ua = userAgent.toLowerCase(Locale.ROOT);
      if (ua.contains("ipad") || ua.contains("tablet")) {
        return TABLET;
      }
      if (ua.contains("mobi") || ua.contains("android") || ua.contains("iphone")) {
        return PHONE;
      }
      return DESKTOP;
    }
  }

  /** The network the device was on. */
  public enum NetworkType {
    WIFI,
    CELLULAR_2G,
    CELLULAR_3G,
    CELLULAR_4G,
    OFFLINE,
    UNKNOWN
  }
}
