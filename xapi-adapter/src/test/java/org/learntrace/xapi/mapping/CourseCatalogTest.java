package org.learntrace.xapi.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.learntrace.xapi.LanguageMap;

/** Loading and building the course catalog, and the errors that name what is wrong. */
class CourseCatalogTest {
  private static final LanguageMap NAME = LanguageMap.of("en-US", "Counting", "bn-BD", "গণনা");

  @Test
  void idSpacesMapToHomePagesAndBack() {
    CourseCatalog c = TestCatalogs.AGS;
    assertThat(c.homePage("urn:learntrace:id:teacher")).isEqualTo("https://muktopaath.gov.bd/xapi/teachers");
    assertThat(c.idSpace("https://muktopaath.gov.bd/xapi/teachers")).isEqualTo("urn:learntrace:id:teacher");
    assertThat(c.homePage("urn:learntrace:id:student")).isEqualTo("https://muktopaath.gov.bd/xapi/id/student");
    assertThat(c.homePage("https://other.example/ids")).isEqualTo("https://other.example/ids");
    assertThat(c.idSpace("https://other.example/ids")).isEqualTo("https://other.example/ids");
  }

  @Test
  void theJsonCatalogGivesNamesInBothLanguages() {
    assertThat(TestCatalogs.AGS.name(CourseCatalog.Kind.MODULE, "ags", "m3").get("bn-BD")).isEqualTo("মডিউল ৩: গণনা");
    assertThat(TestCatalogs.AGS.video("ags", "m3-v1").length()).isEqualTo(312.5);
    assertThat(TestCatalogs.AGS.module("ags", "m3").moveOn()).isEqualTo("CompletedAndPassed");
    assertThat(TestCatalogs.AGS.item("ags", "m3-quiz", "q1").choices()).hasSize(2);
  }

  @Test
  void aMisspeltPropertyIsRejectedWithItsPath() {
    String json = "{\"platformIri\":\"https://p.example\",\"courses\":[{\"id\":\"ags\",\"videos\":[{\"id\":\"v\",\"name\":"
        + "{\"en-US\":\"a\",\"bn-BD\":\"b\"},\"lenght\":3}]}]}";
    assertThatThrownBy(() -> CourseCatalog.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.courses[0].videos[0].lenght");
  }

  @Test
  void aNameWithoutBanglaIsRejectedNamingTheEntry() {
    assertThatThrownBy(() -> CourseCatalog.builder("https://p.example").video("ags", "v1", LanguageMap.of("en-US", "x"), null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("video ags/v1").hasMessageContaining("bn-BD");
  }

  @Test
  void twoIdSpacesCannotShareAHomePage() {
    assertThatThrownBy(() -> CourseCatalog.builder("https://p.example").idSpace("urn:a", "https://p.example/ids")
        .idSpace("urn:b", "https://p.example/ids"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("urn:a");
  }

  @Test
  void anUnknownMoveOnIsRejected() {
    assertThatThrownBy(() -> CourseCatalog.builder("https://p.example").module("ags", "m1", NAME, 0.5, "Whenever"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("moveOn").hasMessageContaining("Whenever");
  }

  @Test
  void aPlatformIriMustBeHttp() {
    assertThatThrownBy(() -> CourseCatalog.builder("urn:x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("platformIri");
    assertThat(CourseCatalog.empty("https://p.example/xapi/").platformIri()).isEqualTo("https://p.example/xapi");
  }

  @Test
  void idsOfAnyShapeSurviveIriEncoding() {
    for (String id : new String[] {"", ".", "..", "a/b c?d#e", "মডিউল ৩", "100%", "😀", "x.y~z_-"}) {
      String segment = Iris.encode(id);
      assertThat(segment).doesNotContain("/", " ", "?", "#");
      assertThat(Iris.decode(segment)).isEqualTo(id);
    }
  }
}
