package app.poison.inference;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps glibc from handing libtorch's large tensor buffers back to the kernel. By default glibc
 * serves every allocation over 32 MB with its own mmap and unmaps it on free, so each forward pass
 * at batch 8 (and every training step) faulted its activations in afresh: measured here on the
 * 224 px model, batch 8 took 84 ms a photo instead of 8, and training steps spent 40 % of their
 * time in the kernel. Serving from the heap and never trimming it keeps RSS at its peak instead.
 */
final class NativeAllocator {
  private static final Logger LOG = LoggerFactory.getLogger(NativeAllocator.class);
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_MAX = -4;

  /** glibc's allocator tuning call. */
  private interface CLibrary extends Library {
    int mallopt(int param, int value);
  }

  private NativeAllocator() {
  }

  /** Best effort: elsewhere than on glibc (or with jemalloc preloaded) this changes nothing. */
  static void keepLargeBuffers() {
    try {
      CLibrary libc = Native.load("c", CLibrary.class);
      boolean done = libc.mallopt(M_MMAP_MAX, 0) == 1 & libc.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE) == 1;
      LOG.debug("glibc allocator keeps large buffers: {}", done);
    } catch (LinkageError | RuntimeException e) {
      LOG.debug("glibc allocator left as it is: {}", e.getMessage());
    }
  }
}
