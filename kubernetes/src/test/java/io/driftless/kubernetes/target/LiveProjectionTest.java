package io.driftless.kubernetes.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.kubernetes.CanonicalJson;
import io.driftless.kubernetes.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveProjectionTest {
  private static final ObjectKey KEY = new ObjectKey("apps", "Deployment", "web", "app");
  private static final LiveProjection PROJECTION =
      new LiveProjection(
          List.of(
              new TargetSpec.IgnoreDifferences(
                  "apps", "Deployment", null, null, List.of("/spec/replicas"))),
          List.of("/metadata/labels/app.kubernetes.io~1managed-by"));

  private static JsonNode json(String text) {
    return CanonicalJson.read(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static String shape(String live, String... declared) {
    List<JsonNode> shapes =
        java.util.Arrays.stream(declared).map(LiveProjectionTest::json).toList();
    return new String(
        CanonicalJson.bytes(PROJECTION.shape(KEY, json(live), shapes)), StandardCharsets.UTF_8);
  }

  private static String canonical(String text) {
    return new String(CanonicalJson.bytes(json(text)), StandardCharsets.UTF_8);
  }

  @Test
  void serverFieldsDefaultsAndOtherManagersFieldsAreProjectedAway() {
    String desired =
        "{'kind':'Deployment','metadata':{'name':'app','labels':{'app':'web'}},'spec':{'template':{'spec':{'containers':[{'name':'web','image':'nginx'}]}}}}";
    String live =
        "{'kind':'Deployment','metadata':{'name':'app','uid':'u','resourceVersion':'7','generation':3,"
            + "'labels':{'app':'web','app.kubernetes.io/managed-by':'driftless'},'managedFields':[{}]},"
            + "'spec':{'revisionHistoryLimit':10,'template':{'spec':{'dnsPolicy':'ClusterFirst','containers':["
            + "{'name':'istio-proxy','image':'proxy'},{'name':'web','image':'nginx','imagePullPolicy':'Always'}]}}},"
            + "'status':{'replicas':1}}";

    assertThat(shape(live, desired)).isEqualTo(canonical(desired));
  }

  @Test
  void aChangedValueStaysVisible() {
    String desired = "{'data':{'a':'1'}}";
    assertThat(shape("{'data':{'a':'2'}}", desired)).isEqualTo(canonical("{'data':{'a':'2'}}"));
    assertThat(shape("{'data':{'a':1}}", desired)).isEqualTo(canonical(desired));
  }

  @Test
  void aFieldGitRemovedIsStillSeenThroughTheLastAppliedObject() {
    String desired = "{'data':{'a':'1'}}";
    String lastApplied = "{'data':{'a':'1','b':'2'}}";
    String live = "{'data':{'a':'1','b':'2','c':'set by someone else'}}";

    assertThat(shape(live, desired, lastApplied)).isEqualTo(canonical(lastApplied));
  }

  @Test
  void ignoredPointersAndOwnLabelsTakeTheDeclaredValue() {
    String desired =
        "{'metadata':{'labels':{'app.kubernetes.io/managed-by':'helm'}},'spec':{'replicas':2}}";
    String live =
        "{'metadata':{'labels':{'app.kubernetes.io/managed-by':'driftless'}},'spec':{'replicas':7}}";

    assertThat(shape(live, desired)).isEqualTo(canonical(desired));
  }

  @Test
  void withNothingDeclaredOnlyServerFieldsGo() {
    assertThat(shape("{'metadata':{'name':'x','uid':'u'},'data':{'a':'b'},'status':{}}"))
        .isEqualTo(canonical("{'metadata':{'name':'x'},'data':{'a':'b'}}"));
  }
}
