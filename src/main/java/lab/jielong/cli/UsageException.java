package lab.jielong.cli;

/**
 * A command line we cannot run as written: no or an unknown subcommand, an unknown option, an option without its
 * value or with a value of the wrong kind. {@link Cli#run} prints its message and the usage on stderr and exits with
 * status {@value Cli#USAGE}, without a stack trace; a failure while a command runs is not one of these and keeps
 * its stack trace.
 */
final class UsageException extends IllegalArgumentException {

    UsageException(String message) {
        super(message);
    }
}
