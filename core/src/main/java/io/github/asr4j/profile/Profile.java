package io.github.asr4j.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link RecordingProfiler} recorded: ended spans in the order they were opened
 * (so parents come before their children, and one thread's spans are in time order), and the
 * backend they ran on.
 */
public record Profile(String backend, int threads, List<ProfileEvent> events) {

    public Profile {
        events = List.copyOf(events);
    }

    /** The direct children of {@code parent}, in opening order. */
    public List<ProfileEvent> children(ProfileEvent parent) {
        List<ProfileEvent> out = new ArrayList<>();
        for (ProfileEvent e : events) {
            if (e.parentId() == parent.id()) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every event of one level, in time order. */
    public List<ProfileEvent> at(SpanLevel level) {
        return events.stream().filter(e -> e.level() == level).toList();
    }

    /** The pass (encoder, decoder.step, ...) a span belongs to, or null for windows and free spans. */
    public ProfileEvent passOf(ProfileEvent e) {
        ProfileEvent cur = e;
        while (cur != null && cur.level() != SpanLevel.PASS) {
            cur = byId(cur.parentId());
        }
        return cur;
    }

    /** The event with this id, or null. */
    public ProfileEvent byId(int id) {
        if (id < 0) {
            return null;
        }
        // ids are dense and events mostly in id order: look near the index first
        if (id < events.size() && events.get(id).id() == id) {
            return events.get(id);
        }
        for (ProfileEvent e : events) {
            if (e.id() == id) {
                return e;
            }
        }
        return null;
    }
}
