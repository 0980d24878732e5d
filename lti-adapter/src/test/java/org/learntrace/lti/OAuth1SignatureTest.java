package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OAuth 1.0a signing checked against the published examples (RFC 5849, OAuth Core 1.0 Appendix A, LTI 1.3 migration). */
class OAuth1SignatureTest {
  @Test
  void baseStringMatchesRfc5849Section3411() {
    // RFC 5849 §3.4.1.1: POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b with body c2&a3=2+q.
    URI url = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
    List<Map.Entry<String, String>> params = List.of(Map.entry("c2", ""), Map.entry("a3", "2 q"),
        Map.entry("oauth_consumer_key", "9djdj82h48djs9d2"), Map.entry("oauth_token", "kkk9d7dh3k39sjv7"),
        Map.entry("oauth_signature_method", "HMAC-SHA1"), Map.entry("oauth_timestamp", "137131201"),
        Map.entry("oauth_nonce", "7d8f3e4a"), Map.entry("realm", "Example"));

    assertThat(OAuth1.baseString("POST", url, params)).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
        + "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
        + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
  }

  @Test
  void hmacSha1SignatureMatchesOauthCoreAppendixA() {
    URI url = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
    List<Map.Entry<String, String>> params = List.of(Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"),
        Map.entry("oauth_token", "nnch734d00sl2jdk"), Map.entry("oauth_signature_method", "HMAC-SHA1"),
        Map.entry("oauth_timestamp", "1191242096"), Map.entry("oauth_nonce", "kllo9940pd9333jh"), Map.entry("oauth_version", "1.0"));
    String base = OAuth1.baseString("GET", url, params);

    assertThat(base).isEqualTo("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key"
        + "%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp"
        + "%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal");
    assertThat(OAuth1.sign("HMAC-SHA1", base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")).isEqualTo("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
  }

  @Test
  void percentEncodingFollowsRfc3986Unreserved() {
    assertThat(OAuth1.encode("abcABC123-._~")).isEqualTo("abcABC123-._~");
    assertThat(OAuth1.encode("a b+c*d/e=f&g%")).isEqualTo("a%20b%2Bc%2Ad%2Fe%3Df%26g%25");
    assertThat(OAuth1.encode("অ")).isEqualTo("%E0%A6%85");
  }

  @Test
  void baseUriDropsDefaultPortsAndLowerCasesSchemeAndHost() {
    assertThat(OAuth1.baseUri(URI.create("HTTP://Example.COM:80/r%20v/X?id=123"))).isEqualTo("http://example.com/r%20v/X");
    assertThat(OAuth1.baseUri(URI.create("https://www.example.net:8080/?q=1"))).isEqualTo("https://www.example.net:8080/");
  }

  @Test
  void migrationClaimSignatureMatchesTheLti13MigrationSpecExample() {
    assertThat(Lti11MigrationClaim.sign("179248902", "my-lti11-secret", "689302", "https://lmsvendor.com", "PM48OJSfGDTAzAo",
        1551290856L, "172we8671fd8z")).isEqualTo("lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps=");
  }
}
