package com.omnicanal.stock;

import com.omnicanal.testing.Backend;
import com.omnicanal.testing.memory.InMemoryBackend;
import net.jqwik.api.Tag;

/** The same property on the in-memory adapters: a hundred random histories in well under a second. */
@Tag("fast")
class StockInvariantsInMemoryProperties extends StockInvariantProperties {
    @Override
    protected Backend emptyBackend() {
        return InMemoryBackend.create();
    }
}
