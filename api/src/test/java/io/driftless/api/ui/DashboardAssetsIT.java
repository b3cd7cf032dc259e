package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboard's files at / on the application port, beside the API and /metrics. */
class DashboardAssetsIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void indexIsServedAtTheRootWithAPolicyAndAnEtag() throws Exception {
    HttpResponse<String> index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(index.body()).contains("<script type=\"module\" src=\"/js/main.js\">");
    assertThat(index.headers().firstValue("Content-Security-Policy"))
        .hasValue(DashboardAssets.CONTENT_SECURITY_POLICY);
    assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
    String etag = index.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = get("/", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void filesHaveTheirContentTypes() throws Exception {
    HttpResponse<String> js = get("/js/main.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(js.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(get("/app.css").headers().firstValue("Content-Type"))
        .hasValue("text/css; charset=utf-8");
    assertThat(get("/favicon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
  }

  @Test
  void clientSideRoutesAnswerTheIndex() throws Exception {
    HttpResponse<String> route = get("/environments/web");
    assertThat(route.statusCode()).isEqualTo(200);
    assertThat(route.body()).contains("/js/main.js");
    assertThat(get("/runs/12").body()).contains("/js/main.js");
  }

  @Test
  void theApiMetricsAndMissingFilesAreNotTheDashboards() throws Exception {
    HttpResponse<String> api = get("/api/v1/environments");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.body()).contains("\"code\"");
    assertThat(get("/api/v1/openapi.json").body()).contains("\"openapi\"");
    assertThat(get("/metrics").body()).contains("driftless_");
    HttpResponse<String> missing = get("/js/nothing-here.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).doesNotContain("<html");
    assertThat(get("/js/../../io/driftless/api/openapi.json").statusCode()).isNotEqualTo(200);
  }
}
