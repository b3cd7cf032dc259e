package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dashboard's files are indexed once: no request, found or not, adds to what is held. */
class DashboardAssetsTest {
  @Test
  void tenThousandUnknownPathsLeaveTheAssetsAsTheyWere() {
    DashboardAssets assets = new DashboardAssets(DashboardAssets.class.getClassLoader());
    int indexed = assets.size();
    assertThat(indexed).isPositive();
    assertThat(assets.assetFor("/js/main.js")).isPresent();

    Random random = new Random(18);
    for (int i = 0; i < 10_000; i++) {
      String path = "/r" + Integer.toHexString(random.nextInt()) + ".js";
      assertThat(assets.assetFor(path)).as(path).isEmpty();
    }

    assertThat(assets.size()).isEqualTo(indexed);
  }
}
