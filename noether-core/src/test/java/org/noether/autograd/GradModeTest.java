package org.noether.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.noether.tensor.Tensor;

/** Recording on and off: scopes nest and restore, per thread, and nothing is recorded while off. */
class GradModeTest {

    @Test
    void disabledScopeRecordsNothing() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        assertTrue(GradMode.isEnabled());
        Tensor y;
        try (var _ = GradMode.disabled()) {
            assertFalse(GradMode.isEnabled());
            y = x.mul(2).tanh().sum();
        }
        assertTrue(GradMode.isEnabled());
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
        assertTrue(x.mul(2).requiresGrad(), "recording resumes after the scope");
    }

    @Test
    void scopesNestAndRestoreThePreviousMode() {
        try (var _ = GradMode.disabled()) {
            try (var _ = GradMode.disabled()) {
                assertFalse(GradMode.isEnabled());
            }
            assertFalse(GradMode.isEnabled(), "closing the inner scope keeps the outer one's mode");
            try (var _ = GradMode.set(true)) {
                assertTrue(GradMode.isEnabled());
                assertTrue(Tensor.ones(1).requiresGrad(true).mul(2).requiresGrad());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void theModeIsRestoredWhenTheScopeEndsByAnException() {
        assertThrows(IllegalStateException.class, () -> {
            try (var _ = GradMode.disabled()) {
                throw new IllegalStateException("inside");
            }
        });
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void theModeBelongsToTheThread() throws InterruptedException {
        AtomicBoolean otherThreadEnabled = new AtomicBoolean();
        try (var _ = GradMode.disabled()) {
            Thread other = new Thread(() -> otherThreadEnabled.set(GradMode.isEnabled()));
            other.start();
            other.join();
        }
        assertTrue(otherThreadEnabled.get(), "another thread still records");
    }

    @Test
    void gradientsCanBeTakenOfAGraphRecordedBeforeTheScope() {
        Tensor x = Tensor.vector(3).requiresGrad(true);
        Tensor y = x.square().sum();
        try (var _ = GradMode.disabled()) {
            Tensor g = Autograd.grad(y, new Tensor[] {x}, false)[0];
            assertEquals(6f, g.item(), "d(x²)/dx at 3");
            assertFalse(GradMode.isEnabled(), "the backward pass restores the caller's mode");
        }
    }
}
