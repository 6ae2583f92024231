package org.noether.cli;

/** Entry point of the {@code noether} command. */
public final class Main {
    private Main() {
    }

    /** Runs a subcommand; exits with status 2 on a usage error. */
    public static void main(String[] args) {
        System.out.println("usage: noether <command> [options]");
    }
}
