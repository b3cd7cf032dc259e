package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.AuditTrailContract;
import java.time.Clock;

class MemoryAuditTrailTest extends AuditTrailContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
