package org.learntrace.xapi;

/**
 * The requirements of the xAPI Data chapter that {@link StatementValidator} checks, each with the
 * id the ADL conformance requirements and test suite give it ({@code XAPI-nnnnn}) where there is
 * one. See {@code docs/xapi-rules.md} for the sources and the 1.0.3 / 2.0.0 differences.
 */
public enum XapiRule {
  NO_NULL("XAPI-00001", "a property other than an extension value must not be null"),
  WRONG_TYPE("XAPI-00006", "a property must have the JSON type the specification gives it"),
  FORMAT("XAPI-00007", "a value with a defined format (IRI, UUID, mailto IRI, ...) must follow it, and must not be empty"),
  UNKNOWN_PROPERTY("XAPI-00008", "only properties defined by the specification may be used, with their exact case"),
  ENUMERATED_VALUE("XAPI-00009", "an enumerated value must match one of the specified values exactly, case included"),
  IRI("XAPI-00011", "an IRI must be absolute, with a scheme"),
  LANGUAGE_TAG("XAPI-00013", "a language map key or language must be an RFC 5646 language tag"),
  DUPLICATE_PROPERTY("XAPI-00021", "a property must not occur twice in the same object"),
  NOT_AN_OBJECT("XAPI-00014", "a statement must be a JSON object"),

  STATEMENT_ACTOR("XAPI-00003", "a statement must have an actor"),
  STATEMENT_VERB("XAPI-00004", "a statement must have a verb"),
  STATEMENT_OBJECT("XAPI-00005", "a statement must have an object"),
  VOIDING_OBJECT("XAPI-00020", "the object of a voiding statement must be a StatementRef"),
  UUID("XAPI-00027", "a UUID must be a string in the standard 8-4-4-4-12 hexadecimal form (RFC 4122)"),
  TIMESTAMP("XAPI-00123", "a timestamp must be an ISO 8601 / RFC 3339 date-time"),
  TIMESTAMP_OFFSET("xAPI 2.0 §5.2.7", "in xAPI 2.0.0 a timestamp must carry a time zone offset (RFC 3339)"),
  STORED("XAPI-00023", "stored must be a timestamp"),
  AUTHORITY("XAPI-00024", "authority must be an Agent or a Group"),
  AUTHORITY_GROUP("XAPI-00098", "an authority Group must be anonymous with exactly two Agent members"),
  VERSION("XAPI-00101", "version must be 1.0 or 1.0.x (xAPI 1.0.3), or also 2.0.x (xAPI 2.0.0)"),
  ATTACHMENTS("XAPI-00025", "attachments must be an array of Attachment objects"),

  ACTOR_OBJECT_TYPE("XAPI-00031", "an actor's objectType must be Agent or Group"),
  OBJECT_TYPE_STRING("XAPI-00032", "objectType must be a string"),
  NAME_STRING("XAPI-00033", "name must be a string"),
  AGENT_ONE_IFI("XAPI-00034", "an Agent must have exactly one of mbox, mbox_sha1sum, openid and account"),
  ANONYMOUS_GROUP_MEMBER("XAPI-00035", "an anonymous Group must list at least one member"),
  GROUP_MEMBER("XAPI-00036", "a Group's member must be an array of Agents"),
  IDENTIFIED_GROUP_ONE_IFI("XAPI-00037", "an identified Group must have exactly one of mbox, mbox_sha1sum, openid and account"),
  MBOX("XAPI-00038", "mbox must be a mailto IRI of the form mailto:name@host"),
  MBOX_SHA1SUM("XAPI-00039", "mbox_sha1sum must be the hex-encoded SHA-1 of a mailto IRI (40 hex digits)"),
  OPENID("XAPI-00040", "openid must be an absolute URI"),
  ACCOUNT("XAPI-00041", "account must be an object with homePage and name"),
  ACCOUNT_HOME_PAGE("XAPI-00042", "account.homePage is required and must be an IRL"),
  ACCOUNT_NAME("XAPI-00043", "account.name is required and must be a string"),

  VERB_ID("XAPI-00044", "verb.id is required and must be an IRI"),
  VERB_DISPLAY("XAPI-00045", "verb.display must be a language map"),

  OBJECT_TYPE("XAPI-00046", "an object's objectType must be Activity, Agent, Group, SubStatement or StatementRef"),
  ACTIVITY_ID("XAPI-00047", "an Activity's id is required and must be an IRI"),
  DEFINITION("XAPI-00048", "an Activity's definition must be an object"),
  INTERACTION_TYPE("XAPI-00049", "interactionType must be one of true-false, choice, fill-in, long-fill-in, matching, performance, sequencing, likert, numeric, other"),
  CORRECT_RESPONSES_PATTERN("XAPI-00050", "correctResponsesPattern must be an array of strings"),
  INTERACTION_COMPONENTS("XAPI-00051", "choices, scale, source, target and steps must be arrays of interaction components"),
  DEFINITION_NAME("XAPI-00056", "definition.name must be a language map"),
  DEFINITION_EXTENSIONS("XAPI-00057", "definition.extensions must be an extensions object"),
  INTERACTION_COMPONENT_ID("XAPI-00058", "an interaction component's id is required, must be a string, and unique within its list"),
  DEFINITION_DESCRIPTION("XAPI-00059", "definition.description must be a language map"),
  DEFINITION_TYPE("XAPI-00060", "definition.type must be an IRI"),
  DEFINITION_MORE_INFO("XAPI-00061", "definition.moreInfo must be an IRL"),
  INTERACTION_COMPONENT_DESCRIPTION("XAPI-00062", "an interaction component's description must be a language map"),
  INTERACTION_COMPONENT("XAPI-00063", "an interaction component must be an object with id and optional description"),
  INTERACTION_TYPE_REQUIRED("XAPI-00064", "a definition with interaction properties must have an interactionType"),

  SUBSTATEMENT("XAPI-00066", "a SubStatement must meet the requirements of a statement"),
  SUBSTATEMENT_AUTHORITY("XAPI-00067", "a SubStatement must not have authority"),
  SUBSTATEMENT_VERSION("XAPI-00068", "a SubStatement must not have version"),
  SUBSTATEMENT_STORED("XAPI-00069", "a SubStatement must not have stored"),
  SUBSTATEMENT_ID("XAPI-00070", "a SubStatement must not have id"),
  SUBSTATEMENT_NESTED("XAPI-00071", "a SubStatement must not contain a SubStatement"),
  STATEMENT_REF("XAPI-00072", "a StatementRef must have objectType StatementRef and an id that is a UUID"),

  RESULT_SUCCESS("XAPI-00074", "result.success must be a boolean"),
  RESULT_COMPLETION("XAPI-00075", "result.completion must be a boolean"),
  RESULT_RESPONSE("XAPI-00076", "result.response must be a string"),
  DURATION("XAPI-00124", "a duration must use the ISO 8601 format PnYnMnDTnHnMnS or PnW"),
  RESULT_EXTENSIONS("XAPI-00078", "result.extensions must be an extensions object"),
  SCORE("XAPI-00079", "result.score must be an object of numbers"),
  SCORE_MAX("XAPI-00080", "score.max must be a number greater than min"),
  SCORE_MIN("XAPI-00081", "score.min must be a number less than max"),
  SCORE_RAW("XAPI-00082", "score.raw must be a number between min and max, inclusive"),
  SCORE_SCALED("XAPI-00083", "score.scaled must be a number between -1 and 1, inclusive"),

  CONTEXT_REVISION("XAPI-00084", "context.revision may only be used when the object is an Activity"),
  CONTEXT_PLATFORM("XAPI-00085", "context.platform may only be used when the object is an Activity"),
  CONTEXT_ACTIVITIES("XAPI-00086", "context.contextActivities must be an object"),
  CONTEXT_REGISTRATION("XAPI-00087-1", "context.registration must be a UUID"),
  CONTEXT_INSTRUCTOR("XAPI-00087-2", "context.instructor must be an Agent or Group"),
  CONTEXT_TEAM("XAPI-00088", "context.team must be a Group"),
  CONTEXT_REVISION_STRING("XAPI-00089", "context.revision must be a string"),
  CONTEXT_PLATFORM_STRING("XAPI-00090", "context.platform must be a string"),
  CONTEXT_LANGUAGE("XAPI-00091", "context.language must be a string holding an RFC 5646 language tag"),
  CONTEXT_STATEMENT("XAPI-00092", "context.statement must be a StatementRef"),
  CONTEXT_ACTIVITIES_KEY("XAPI-00093", "contextActivities keys must be parent, grouping, category or other"),
  CONTEXT_ACTIVITIES_VALUE("XAPI-00094", "a contextActivities value must be an Activity or an array of Activities"),
  CONTEXT_AGENTS("xAPI 2.0 §4.2.2.5", "contextAgents must be an array of {objectType: contextAgent, agent, relevantTypes?}; relevantTypes, when present, a non-empty array of IRIs"),
  CONTEXT_GROUPS("xAPI 2.0 §4.2.2.5", "contextGroups must be an array of {objectType: contextGroup, group, relevantTypes?}; relevantTypes, when present, a non-empty array of IRIs"),
  VERSION_2_PROPERTY("xAPI 2.0 §4.2.2.5", "contextAgents and contextGroups exist only in xAPI 2.0.0"),

  ATTACHMENT_USAGE_TYPE("XAPI-00107", "attachment.usageType is required and must be an IRI"),
  ATTACHMENT_DISPLAY("XAPI-00106", "attachment.display is required and must be a language map"),
  ATTACHMENT_CONTENT_TYPE("XAPI-00105", "attachment.contentType is required and must be an Internet media type"),
  ATTACHMENT_LENGTH("XAPI-00102", "attachment.length is required and must be a non-negative integer"),
  ATTACHMENT_SHA2("XAPI-00103", "attachment.sha2 is required and must be a hex SHA-2 digest"),
  ATTACHMENT_FILE_URL("XAPI-00104", "attachment.fileUrl must be an IRL"),
  SIGNATURE_CONTENT_TYPE("XAPI-00115", "a signature attachment must have contentType application/octet-stream"),

  EXTENSIONS("XAPI-00120", "extensions must be an object"),
  EXTENSION_KEY("XAPI-00118", "an extension key must be an IRI");

  private final String id;
  private final String text;

  XapiRule(String id, String text) {
    this.id = id;
    this.text = text;
  }

  /** The requirement id, e.g. {@code XAPI-00038}, or the section of the spec that states it. */
  public String id() {
    return id;
  }

  /** The requirement in words. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return id + " " + text;
  }
}
