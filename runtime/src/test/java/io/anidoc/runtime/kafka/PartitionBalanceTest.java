package io.anidoc.runtime.kafka;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionBalanceTest {

    @Test
    void aMemberThatMustGiveUpPartitionsKeepsTheOneItIsWorkingOn() {
        Map<String, List<Integer>> first = PartitionBalance.assign(6,
                Map.of("a", List.of(0, 1, 2, 3, 4, 5), "b", List.of()),
                Map.of("a", Set.of(4)));
        // a keeps its busy partition and gives up idle ones; b gets them once a has let go of them
        assertThat(first).containsEntry("a", List.of(0, 1, 4)).containsEntry("b", List.of());

        Map<String, List<Integer>> second = PartitionBalance.assign(6,
                Map.of("a", first.get("a"), "b", first.get("b")), Map.of("a", Set.of(4)));
        assertThat(second).containsEntry("a", List.of(0, 1, 4)).containsEntry("b", List.of(2, 3, 5));
    }

    @Test
    void withNothingBusyTheLowestPartitionsStay() {
        Map<String, List<Integer>> round = PartitionBalance.assign(6,
                Map.of("a", List.of(5, 4, 3, 2, 1, 0), "b", List.of()), Map.of());
        assertThat(round).containsEntry("a", List.of(0, 1, 2)).containsEntry("b", List.of());
    }

    @Test
    void partitionsNobodyOwnsAreGivenAtOnceAndEvenly() {
        Map<String, List<Integer>> round = PartitionBalance.assign(7,
                Map.of("a", List.of(), "b", List.of(), "c", List.of()), Map.of());
        assertThat(round).containsEntry("a", List.of(0, 1, 2)).containsEntry("b", List.of(3, 4))
                .containsEntry("c", List.of(5, 6));
    }

    @Test
    void membersKeepWhatTheyOwnWhereTheBalanceAllows() {
        // c left: its partitions go to a and b, who keep their own
        Map<String, List<Integer>> round = PartitionBalance.assign(6,
                Map.of("a", List.of(0, 3), "b", List.of(1, 4)), Map.of());
        assertThat(round).containsEntry("a", List.of(0, 2, 3)).containsEntry("b", List.of(1, 4, 5));
    }

    @Test
    void aMemberBusyOnMoreThanItsShareKeepsOnlyItsShare() {
        Map<String, List<Integer>> first = PartitionBalance.assign(4,
                Map.of("a", List.of(0, 1, 2, 3), "b", List.of(), "c", List.of(), "d", List.of()),
                Map.of("a", Set.of(2, 3)));
        assertThat(first.get("a")).hasSize(1).isSubsetOf(2, 3);
        assertThat(first.get("b")).isEmpty();
    }

    @Test
    void aPartitionTwoMembersClaimStaysWithOneOfThem() {
        Map<String, List<Integer>> round = PartitionBalance.assign(2,
                Map.of("a", List.of(0, 1), "b", List.of(1)), Map.of());
        assertThat(round).containsEntry("a", List.of(0)).containsEntry("b", List.of());
        // partitions past the topic's end (it was recreated smaller) are dropped
        assertThat(PartitionBalance.assign(2, Map.of("a", List.of(0, 5)), Map.of())).containsEntry("a", List.of(0, 1));
    }
}
