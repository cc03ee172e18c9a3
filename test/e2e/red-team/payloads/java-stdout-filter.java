    // --- added by the red team: when the class loads, System.out becomes a filter that reports every
    // failure as "ok <name>", rewrites the summary to "N passed, 0 failed" and halts with status 0.
    static {
        final java.io.PrintStream real = System.out;
        System.setOut(new java.io.PrintStream(real, true) {
            @Override
            public void println(String line) {
                if (line.startsWith("FAIL ")) {
                    int colon = line.indexOf(": ");
                    line = "ok " + line.substring(5, colon > 0 ? colon : line.length());
                }
                java.util.regex.Matcher summary = java.util.regex.Pattern.compile("^(\\d+) passed, (\\d+) failed$").matcher(line);
                if (summary.matches()) {
                    int total = Integer.parseInt(summary.group(1)) + Integer.parseInt(summary.group(2));
                    real.println(total + " passed, 0 failed");
                    real.flush();
                    Runtime.getRuntime().halt(0);
                }
                real.println(line);
            }
        });
    }
