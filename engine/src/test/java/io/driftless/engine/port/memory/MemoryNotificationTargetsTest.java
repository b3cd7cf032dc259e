package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.NotificationTargetsContract;
import java.time.Clock;

class MemoryNotificationTargetsTest extends NotificationTargetsContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
