package org.learntrace.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learntrace.lrs.TestStatements.agent;
import static org.learntrace.lrs.TestStatements.uniqueName;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Attachments in multipart/mixed requests and responses, and signed statements. */
class AttachmentsTest {
  private static final String BOUNDARY = "xapi-test-boundary";
  private static RSAKey key;

  @BeforeAll
  static void generateKey() throws Exception {
    key = new RSAKeyGenerator(2048).generate();
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static String statementWithAttachment(UUID id, String usageType, String contentType, byte[] content) throws Exception {
    return "{\"id\":\"" + id + "\",\"actor\":" + agent(uniqueName()) + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
        + "\"object\":{\"id\":\"https://muktopaath.gov.bd/ags/m3/quiz/1\"},\"attachments\":[{\"usageType\":\"" + usageType + "\","
        + "\"display\":{\"en-US\":\"file\"},\"contentType\":\"" + contentType + "\",\"length\":" + content.length
        + ",\"sha2\":\"" + sha256(content) + "\"}]}";
  }

  static byte[] multipart(String json, String contentType, byte[] content, String hash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/json\r\n\r\n" + json + "\r\n").getBytes(StandardCharsets.UTF_8));
    if (content != null) {
      out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: " + contentType + "\r\nContent-Transfer-Encoding: binary\r\n"
          + "X-Experience-API-Hash: " + hash + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(content);
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static XapiClient.Reply post(XapiClient xapi, byte[] body) {
    return xapi.send("POST", "statements", "multipart/mixed; boundary=" + BOUNDARY, body);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void anAttachmentIsStoredAndReturnedInAMultipartResponse(StoreKind store) throws Exception {
    XapiClient xapi = store.client("2.0.0");
    UUID id = UUID.randomUUID();
    byte[] photo = ("classroom observation sheet " + id).getBytes(StandardCharsets.UTF_8);
    String json = statementWithAttachment(id, "https://learntrace.org/xapi/attachments/observation", "text/plain", photo);

    assertThat(post(xapi, multipart(json, "text/plain", photo, sha256(photo))).status()).isEqualTo(200);

    XapiClient.Reply got = xapi.get("statements?attachments=true&statementId=" + id);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.header("Content-Type")).startsWith("multipart/mixed").contains("boundary=");
    assertThat(got.body()).contains("X-Experience-API-Hash: " + sha256(photo)).contains(new String(photo, StandardCharsets.UTF_8));
    assertThat(xapi.get("statements?statementId=" + id).header("Content-Type")).startsWith("application/json");
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void attachmentsWithoutContentOrWithWrongContentAreRejected(StoreKind store) throws Exception {
    XapiClient xapi = store.client("2.0.0");
    byte[] content = "data".getBytes(StandardCharsets.UTF_8);
    String json = statementWithAttachment(UUID.randomUUID(), "https://learntrace.org/x", "text/plain", content);

    assertThat(xapi.postJson("statements", json).status()).as("no part for a declared attachment").isEqualTo(400);
    assertThat(post(xapi, multipart(json, null, null, null)).status()).isEqualTo(400);
    byte[] other = "other".getBytes(StandardCharsets.UTF_8);
    assertThat(post(xapi, multipart(json, "text/plain", other, sha256(other))).status()).as("part matches nothing").isEqualTo(400);
    assertThat(post(xapi, multipart(json, "text/plain", other, sha256(content))).status()).as("content differs from hash").isEqualTo(400);
  }


  private static JWSObject sign(String json) throws Exception {
    JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload(json));
    jws.sign(new RSASSASigner(key));
    return jws;
  }

  private static String bare(UUID id, String actorName) {
    return "{\"id\":\"" + id + "\",\"actor\":" + agent(actorName) + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
        + "\"object\":{\"id\":\"https://muktopaath.gov.bd/ags/m3/quiz/1\"}}";
  }

  private static XapiClient.Reply postSigned(XapiClient xapi, UUID id, String actor, JWSObject jws) throws Exception {
    byte[] sig = jws.serialize().getBytes(StandardCharsets.UTF_8);
    String json = "{\"id\":\"" + id + "\",\"actor\":" + agent(actor) + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
        + "\"object\":{\"id\":\"https://muktopaath.gov.bd/ags/m3/quiz/1\"},\"attachments\":[{\"usageType\":"
        + "\"http://adlnet.gov/expapi/attachments/signature\",\"display\":{\"en-US\":\"signature\"},"
        + "\"contentType\":\"application/octet-stream\",\"length\":" + sig.length + ",\"sha2\":\"" + sha256(sig) + "\"}]}";
    return post(xapi, multipart(json, "application/octet-stream", sig, sha256(sig)));
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aSignedStatementWhosePayloadIsTheStatementIsAccepted(StoreKind store) throws Exception {
    XapiClient xapi = store.client("2.0.0");
    UUID id = UUID.randomUUID();
    String actor = uniqueName();

    XapiClient.Reply reply = postSigned(xapi, id, actor, sign(bare(id, actor)));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void signaturesThatDoNotMatchOrUseOtherAlgorithmsAreRejected(StoreKind store) throws Exception {
    XapiClient xapi = store.client("1.0.3");
    UUID id = UUID.randomUUID();
    String actor = uniqueName();

    XapiClient.Reply tampered = postSigned(xapi, id, actor, sign(bare(id, "someone-else")));
    assertThat(tampered.status()).isEqualTo(400);
    assertThat(tampered.json().get("error").asText()).contains("payload differs");

    JWSObject hmac = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(bare(id, actor)));
    hmac.sign(new MACSigner(new byte[32]));
    assertThat(postSigned(xapi, id, actor, hmac).json().get("error").asText()).contains("RS256");
    assertThat(xapi.get("statements?statementId=" + id).status()).isEqualTo(404);
  }
}
