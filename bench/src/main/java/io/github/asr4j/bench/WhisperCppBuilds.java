package io.github.asr4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whisper.cpp builds of one {@code asr4j bench} run ({@code --whisper_cpp_build DIR[,DIR...]}), each
 * with a short label for the report's columns, and the order they run in round by round.
 */
final class WhisperCppBuilds {
    private WhisperCppBuilds() {}

    /** A build and the label its column and JSON entries carry. */
    record Labelled(String label, WhisperCppBuild build) {}

    /**
     * Validates every folder ({@link WhisperCppBuild#at}) and labels it ({@link #labels}), in the order given.
     *
     * @throws IllegalArgumentException for the first folder without an executable whisper-bench
     */
    static List<Labelled> at(List<Path> dirs) {
        List<String> labels = labels(dirs);
        List<Labelled> builds = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            builds.add(new Labelled(labels.get(i), WhisperCppBuild.at(dirs.get(i))));
        }
        return List.copyOf(builds);
    }

    /**
     * One label per folder: its name ({@code build}, {@code build-avx512}); folders of the same name get as
     * many parent folders as it takes to tell them apart ({@code a/build}, {@code b/build}), and the same
     * folder given twice a suffix ({@code build}, {@code build-2}).
     */
    static List<String> labels(List<Path> dirs) {
        List<Path> paths = dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        List<Path> distinct = paths.stream().distinct().toList();
        List<String> names = new ArrayList<>();
        for (Path p : distinct) {
            names.add(tail(p, 1));
        }
        for (int depth = 2; ; depth++) {
            Set<String> clashing = clashing(names);
            boolean longer = false;
            for (int i = 0; i < names.size(); i++) {
                if (clashing.contains(names.get(i)) && distinct.get(i).getNameCount() >= depth) {
                    names.set(i, tail(distinct.get(i), depth));
                    longer = true;
                }
            }
            if (!longer) {
                break;
            }
        }
        Map<Path, Integer> repeats = new HashMap<>();
        List<String> labels = new ArrayList<>();
        for (Path p : paths) {
            int n = repeats.merge(p, 1, Integer::sum);
            String name = names.get(distinct.indexOf(p));
            labels.add(n == 1 ? name : name + "-" + n);
        }
        return List.copyOf(labels);
    }

    /**
     * The builds in the order round {@code round} (from 0) runs them: the list rotated left by {@code round},
     * so over as many rounds as builds each runs first, right after asr4j, once.
     */
    static <T> List<T> rotated(List<T> builds, int round) {
        if (builds.isEmpty()) {
            return builds;
        }
        int shift = Math.floorMod(round, builds.size());
        List<T> order = new ArrayList<>(builds.subList(shift, builds.size()));
        order.addAll(builds.subList(0, shift));
        return List.copyOf(order);
    }

    private static Set<String> clashing(List<String> labels) {
        Set<String> seen = new HashSet<>();
        Set<String> clash = new HashSet<>();
        for (String l : labels) {
            if (!seen.add(l)) {
                clash.add(l);
            }
        }
        return clash;
    }

    /** The last {@code n} names of {@code p} joined by '/', or "/" for the root. */
    private static String tail(Path p, int n) {
        int count = p.getNameCount();
        if (count == 0) {
            return "/";
        }
        return p.subpath(Math.max(0, count - n), count).toString().replace('\\', '/');
    }
}
