package io.anidoc.runtime.kafka;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who gets which partitions of one topic when a stage's group rebalances: as even as the members
 * allow, every member keeping what it owns where the balance lets it, and a member that must give
 * partitions up giving up idle ones before the one it is working on. A stage's record is a clip
 * that takes seconds to minutes; revoking a busy partition makes the rebalance wait for the clip,
 * and a member that joins (a replica added to drain a backlog) idles that long.
 *
 * <p>Cooperative: a partition moving from one member to another is only taken from its owner in
 * this round; the owner gives it up and rejoins, and the next round hands it to the new member.
 * Pure: the decision is a function of the members' reports; {@link BusyPartitionsAssignor} reads
 * and writes them.
 */
final class PartitionBalance {

    private PartitionBalance() {
    }

    /**
     * @param partitions the topic's partition count
     * @param owned      per member (every member subscribed to the topic): the partitions it owns now
     * @param busy       per member: the partitions it has records running of (members absent: none)
     * @return per member: the partitions it is to own after this round, ascending
     */
    static Map<String, List<Integer>> assign(int partitions, Map<String, List<Integer>> owned,
                                                    Map<String, Set<Integer>> busy) {
        TreeMap<String, List<Integer>> members = new TreeMap<>(owned);
        Map<String, List<Integer>> result = new TreeMap<>();
        if (members.isEmpty()) {
            return result;
        }
        // a partition two members claim (one of them missed a round) stays with the first by member id
        Map<Integer, String> owner = new HashMap<>();
        Map<String, List<Integer>> claims = new HashMap<>();
        for (Map.Entry<String, List<Integer>> member : members.entrySet()) {
            List<Integer> mine = new ArrayList<>();
            for (int p : new LinkedHashSet<>(member.getValue())) {
                if (p >= 0 && p < partitions && owner.putIfAbsent(p, member.getKey()) == null) {
                    mine.add(p);
                }
            }
            Set<Integer> working = busy.getOrDefault(member.getKey(), Set.of());
            // busy first, then ascending: what a member keeps when it must give some up
            mine.sort(Comparator.comparing((Integer p) -> !working.contains(p)).thenComparing(p -> p));
            claims.put(member.getKey(), mine);
        }
        // those owning more take the larger shares, so that fewer partitions move
        List<String> bySize = new ArrayList<>(members.keySet());
        bySize.sort(Comparator.comparing((String m) -> -claims.get(m).size()).thenComparing(m -> m));
        int base = partitions / members.size();
        int larger = partitions % members.size();
        Map<String, Integer> target = new HashMap<>();
        for (int i = 0; i < bySize.size(); i++) {
            target.put(bySize.get(i), base + (i < larger ? 1 : 0));
        }
        Map<String, List<Integer>> kept = new TreeMap<>();
        TreeSet<Integer> free = new TreeSet<>();
        for (int p = 0; p < partitions; p++) {
            free.add(p);
        }
        for (String member : members.keySet()) {
            List<Integer> mine = claims.get(member);
            List<Integer> keep = new ArrayList<>(mine.subList(0, Math.min(target.get(member), mine.size())));
            free.removeAll(keep);
            kept.put(member, keep);
        }
        for (String member : members.keySet()) {
            List<Integer> mine = kept.get(member);
            List<Integer> given = new ArrayList<>(mine);
            while (mine.size() < target.get(member) && !free.isEmpty()) {
                int p = free.pollFirst();
                mine.add(p);
                // owned by another member until it gives it up: handed over in the next round
                String previous = owner.get(p);
                if (previous == null || previous.equals(member)) {
                    given.add(p);
                }
            }
            given.sort(Integer::compare);
            result.put(member, given);
        }
        return result;
    }
}
