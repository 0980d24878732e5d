package org.learntrace.lti;

/** Claim names, message types and scopes from the 1EdTech LTI 1.3 and LTI Advantage specifications. */
final class LtiClaims {
  private LtiClaims() {}

  static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
  static final String MESSAGE_TYPE = LTI + "message_type";
  static final String VERSION = LTI + "version";
  static final String DEPLOYMENT_ID = LTI + "deployment_id";
  static final String TARGET_LINK_URI = LTI + "target_link_uri";
  static final String RESOURCE_LINK = LTI + "resource_link";
  static final String ROLES = LTI + "roles";
  static final String CONTEXT = LTI + "context";
  static final String CUSTOM = LTI + "custom";
  static final String TOOL_PLATFORM = LTI + "tool_platform";
  static final String LAUNCH_PRESENTATION = LTI + "launch_presentation";
  static final String LTI1P1 = LTI + "lti1p1";
  static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
  static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
  static final String DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
  static final String DL_CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
  static final String DL_DATA = "https://purl.imsglobal.org/spec/lti-dl/claim/data";
  static final String DL_MSG = "https://purl.imsglobal.org/spec/lti-dl/claim/msg";
  static final String DL_LOG = "https://purl.imsglobal.org/spec/lti-dl/claim/log";

  static final String LTI_VERSION = "1.3.0";
  static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";
  static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";
  static final String DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse";

  static final String SCOPE_LINEITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
  static final String SCOPE_LINEITEM_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
  static final String SCOPE_RESULT_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
  static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
  static final String SCOPE_NRPS = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

  static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  static final String ROLE_PREFIX_MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
  static final String ROLE_PREFIX_INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
}
