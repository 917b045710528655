package lab.jielong.embed;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allow-list: how it is written, what it lets in, and its defaults in development and production. */
class AllowedOriginsTest {

    @Test
    void listedOriginsAreNormalisedAndMatchedExactly() {
        AllowedOrigins origins =
                new AllowedOrigins(" https://Canvas.Example.edu/ , http://localhost:8081,https://x.org:443");
        assertThat(origins.listed()).containsExactlyInAnyOrder("https://canvas.example.edu", "http://localhost:8081",
                "https://x.org");
        assertThat(origins.allows("https://canvas.example.edu")).isTrue();
        assertThat(origins.allows("https://canvas.example.edu:443")).isTrue();
        assertThat(origins.allows("http://canvas.example.edu")).as("another scheme is another origin").isFalse();
        assertThat(origins.allows("https://evil.canvas.example.edu")).isFalse();
        assertThat(origins.allows("http://localhost:8082")).isFalse();
        assertThat(origins.allows("null")).isFalse();
        assertThat(origins.allows(null)).isFalse();
        assertThat(origins.crossSite()).isTrue();
        assertThat(origins.frameAncestors())
                .isEqualTo("'self' https://canvas.example.edu http://localhost:8081 https://x.org");
    }

    @Test
    void starAllowsAnySiteAndSelfNone() {
        AllowedOrigins any = new AllowedOrigins("*");
        assertThat(any.allows("https://anywhere.example")).isTrue();
        assertThat(any.allows("file:///tmp/x.html")).as("not an http origin").isFalse();
        assertThat(any.frameAncestors()).isEqualTo("*");
        AllowedOrigins self = new AllowedOrigins("self");
        assertThat(self.crossSite()).isFalse();
        assertThat(self.allows("https://anywhere.example")).isFalse();
        assertThat(self.frameAncestors()).isEqualTo("'self'");
    }

    @Test
    void aMalformedEntryStopsStartUpNamingIt() {
        assertThatThrownBy(() -> new AllowedOrigins("https://ok.example, courses.example.edu/page"))
                .hasMessageContaining("\"courses.example.edu/page\" is not an origin");
        assertThatThrownBy(() -> new AllowedOrigins("https://x.example/path"))
                .hasMessageContaining("https://x.example/path");
    }

    @Test
    void unsetItIsAnySiteInDevelopmentAndThisSiteOnlyInProduction() {
        MockEnvironment development = new MockEnvironment().withProperty("vaadin.productionMode", "false");
        assertThat(new AllowedOrigins(null, development).frameAncestors()).isEqualTo("*");
        MockEnvironment production = new MockEnvironment().withProperty("vaadin.productionMode", "true");
        AllowedOrigins deployed = new AllowedOrigins(null, production);
        assertThat(deployed.frameAncestors()).isEqualTo("'self'");
        assertThat(deployed.crossSite()).isFalse();
        assertThat(new AllowedOrigins("https://lms.example", production).allows("https://lms.example")).isTrue();
        assertThat(AllowedOrigins.isProduction(new MockEnvironment()))
                .as("this build is a development build (flow-build-info.json)").isFalse();
    }
}
