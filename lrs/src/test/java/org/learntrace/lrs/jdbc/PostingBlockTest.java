package org.learntrace.lrs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A posting block stores ascending sequence numbers as gaps and gives back exactly what was appended. */
class PostingBlockTest {

  @Test
  void decodesWhatWasAppendedWhateverTheGapSizes() {
    long[] seqs = {5, 6, 133, 134 + (1L << 14), 1L << 40, (1L << 62) + 7};
    PostingBlock b = PostingBlock.starting(seqs[0]);
    for (int i = 1; i < seqs.length; i++) {
      b.append(seqs[i]);
    }

    assertThat(PostingBlock.decode(b.firstSeq, b.count(), b.gaps())).containsExactly(seqs);
    assertThat(b.lastSeq()).isEqualTo(seqs[seqs.length - 1]);
  }

  @Test
  void aStoredBlockAppendsWithoutChangingTheArrayItWasReadFrom() {
    PostingBlock first = PostingBlock.starting(10);
    first.append(12);
    byte[] read = first.gaps();

    PostingBlock again = PostingBlock.stored(10, 12, 2, read);
    again.append(300);

    assertThat(read).containsExactly(2);
    assertThat(PostingBlock.decode(again.firstSeq, again.count(), again.gaps())).containsExactly(10, 12, 300);
  }

  @Test
  void refusesASeqNotAboveTheLastAndAFullBlock() {
    PostingBlock b = PostingBlock.starting(1);
    assertThatThrownBy(() -> b.append(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("seq 1 after 1");
    for (int seq = 2; seq <= PostingBlock.MAX_SEQS; seq++) {
      b.append(seq);
    }
    assertThat(b.isFull()).isTrue();
    assertThatThrownBy(() -> b.append(1_000)).isInstanceOf(IllegalStateException.class);
  }
}
