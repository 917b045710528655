/**
 * Classroom mode: a workshop leader opens a room ({@code /classroom}), attendees join it on their phones
 * ({@code /join}, or {@code /join/<code>} from the QR code), the leader watches anonymous aggregates live and
 * sends everyone to an exercise ({@link lab.jielong.classroom.Preset}), optionally locked.
 *
 * <h2>How a page takes part (Play, Guess, the labs)</h2>
 * Inject {@link lab.jielong.classroom.ClassroomService} and, in the view's code (a Vaadin request thread):
 * <pre>{@code
 * // 1. on attach or in beforeEnter: is this visitor in a room, and did its leader lock a preset?
 * classroom.here()                                   // Optional<RoomStatus>: empty outside a room
 *         .flatMap(RoomStatus::lockedPreset)         // present only while the room is open and locked
 *         .filter(Preset.Play.class::isInstance).map(Preset.Play.class::cast)
 *         .ifPresent(p -> { apply p.mode(), p.difficulty(), p.opener(), p.guided(); disable those controls; });
 *
 * // 2. report what happened; outside a room these do nothing, and they never block or throw
 * //    (game.Move and game.Outcome carry all it takes)
 * classroom.recordHere(ClassroomEvent.move(move.text(), ClassroomEvent.Player.of(move.side()), move.accepted()));
 * classroom.recordHere(ClassroomEvent.gameOver(ClassroomEvent.Player.of(outcome.winner())));
 * classroom.recordHere(ClassroomEvent.guessRound(visitorRight, modelRight));
 * classroom.recordHere(ClassroomEvent.trainingStarted());   // and trainingFinished()
 * }</pre>
 * A job on a background thread (no Vaadin session there) keeps the code while it still is on the page's
 * thread, {@code String room = classroom.here().map(RoomStatus::code).orElse(null)}, and later calls
 * {@code classroom.record(room, ClassroomEvent.trainingFinished())} (a null or unknown code is ignored).
 * A page that wants to follow the leader live registers
 * {@code classroom.watchStatus(seat, status -> ui.access(...))} with {@code classroom.seatHere()}, and removes
 * the registration on detach (the attendee page {@code ui.JoinView} does this).
 *
 * <p>Only the idiom of a valid move that is in the dictionary is stored (counted); free text a visitor typed
 * never is. Each attendee is a random id made when their session joined; nothing else about them is kept.
 *
 * <h2>Where a preset points</h2>
 * {@link lab.jielong.classroom.Preset#location()}, relative to the app's root, is what the attendee's "open"
 * button opens; the pages should read these query parameters (a bad value falls back to the default):
 * <ul>
 *   <li>Play ({@code /}): {@code mode=same_character|same_syllable|same_syllable_and_tone},
 *       {@code difficulty=easy|hard}, {@code opener=human|computer}, {@code guided=true|false}
 *       (lower-case names of {@link lab.jielong.game.MatchMode}, {@link lab.jielong.game.Difficulty},
 *       {@link lab.jielong.game.Side});</li>
 *   <li>Guess ({@code /guess}): {@code prefix=一心一} (absent: a random idiom);</li>
 *   <li>a lab ({@code /labs/<lab>}): {@code prompt=…}. The leader is offered a lab only when its route exists
 *       ({@code ui.ClassroomView#LABS}: snowball, training, scaling, encdec).</li>
 * </ul>
 *
 * <h2>Where rooms live</h2>
 * Behind {@link lab.jielong.classroom.RoomStore} (state) and {@link lab.jielong.classroom.RoomEvents}
 * ("room X changed" between app instances), chosen by {@code jielong.classroom.store}: {@code memory} (default;
 * one JVM, nothing to install) or {@code redis} (Spring Data Redis with Boot's {@code spring.data.redis.*};
 * hashes and sorted sets with the room's expiry, pub/sub for events; see {@link lab.jielong.classroom.RedisRoomStore}).
 * Without {@code store=redis} no Redis client is created at all. Rooms expire
 * ({@code jielong.classroom.room-lifetime}, 4 h), hold at most {@code capacity} attendees (500), at most
 * {@code max-rooms} rooms are open (200); {@link lab.jielong.classroom.ClassroomProperties} lists every setting.
 * If Redis cannot be reached, rooms say so, events wait in memory, and nothing else is affected.
 *
 * <h2>Updates</h2>
 * Events are coalesced per room and written once per tick ({@code update-interval}, 250 ms); each changed
 * room is read once per tick and that reading goes to every page of the instance that shows it, through
 * {@code UI.access} (the app has {@code @Push}). Attendee pages hear only about status and preset changes.
 *
 * <p>Message keys: {@code classroom.*}, {@code join.*}, {@code preset.*}, {@code nav.classroom},
 * {@code nav.join} (the views' {@code @Menu} titles are these keys).
 */
package lab.jielong.classroom;
