// One JVM for every EPUBCheck run of a build (scripts/epub/epubcheck.ts).
// EPUBCheck spends ~2.5 s of a 2.6 s check of a small book starting up
// (loading classes, compiling its schemas), and ~0.15 s checking. This loop
// starts once, checks a tiny EPUB to warm up, says "ready", then reads one
// request a line from stdin (EPUBCheck's command-line arguments, separated
// by tabs) and answers "done <exit code>" on stdout. EPUBCheck's own output
// goes to stderr. It ends when stdin closes.
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public final class CheckLoop {
  private CheckLoop() {}

  private static int check(String[] args) {
    try {
      return new EpubChecker().run(args);
    } catch (RuntimeException | Error e) {
      e.printStackTrace();
      return -1;
    }
  }

  public static void main(String[] args) throws Exception {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    if (args.length > 0) check(new String[] {args[0], "--quiet"});
    protocol.println("ready");
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = requests.readLine(); line != null; line = requests.readLine()) {
      if (!line.isEmpty()) protocol.println("done " + check(line.split("\t")));
    }
  }
}
