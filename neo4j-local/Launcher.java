// Starts an embedded Neo4j 5.26 Community with Bolt on 127.0.0.1 and keeps it running until SIGTERM/SIGINT.
//
// The project needs no Java build step: src/db/local-neo4j.ts resolves the jars with Maven once, compiles this file
// into a jar in the cache whenever it changed (javac, jar), and then starts it offline.
//
// Usage: Launcher --data-dir DIR --bolt-port PORT [--exit-on-stdin-close]
// Prints exactly one line starting with "neo4j-local ready" once Bolt accepts connections.
// Exit codes: 0 after a clean shutdown, 2 for bad arguments or a taken port, 1 when Neo4j fails to start.

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

public class Launcher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) {
        Path dataDir = null;
        int port = -1;
        boolean exitOnStdinClose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(valueAfter(args, i++));
                case "--bolt-port" -> port = parsePort(valueAfter(args, i++));
                case "--exit-on-stdin-close" -> exitOnStdinClose = true;
                default -> fail(2, "unknown argument " + args[i] + "; usage: Launcher --data-dir DIR --bolt-port PORT");
            }
        }
        if (dataDir == null || port < 0) {
            fail(2, "usage: Launcher --data-dir DIR --bolt-port PORT [--exit-on-stdin-close]");
        }
        ensurePortFree(port);

        DatabaseManagementService dbms;
        try {
            Files.createDirectories(dataDir);
            dbms = new DatabaseManagementServiceBuilder(dataDir.toAbsolutePath())
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    // What a neo4j:// client is told in the routing table: this address, not the default :7687.
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    // Bolt waits 5 s twice for idle connections on shutdown by default; the store is already closed
                    // by then, so a short wait only makes stopping faster.
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
                    .build();
        } catch (Exception e) {
            fail(1, "Neo4j failed to start: " + e.getMessage());
            return;
        }
        // The JVM runs this hook on SIGTERM and SIGINT: shutting the DBMS down here flushes and closes the store,
        // so the next start finds it clean.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            System.out.println("neo4j-local stopped");
        }, "neo4j-local-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.SECONDS.toMillis(60))) {
            fail(1, "Neo4j did not become available within 60 s");
        }
        System.out.println("neo4j-local ready bolt://" + HOST + ":" + port + " data=" + dataDir.toAbsolutePath());
        System.out.flush();

        if (exitOnStdinClose) {
            // The parent holds our stdin open; when it dies, even by SIGKILL, stdin closes and we stop too, so no
            // orphaned Neo4j outlives the server or the test run.
            waitForEndOfStream(System.in);
            System.exit(0);
        }
    }

    private static String valueAfter(String[] args, int i) {
        if (i + 1 >= args.length) {
            fail(2, args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail(2, "--bolt-port must be 1..65535, got " + text);
        return -1;
    }

    private static void ensurePortFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            fail(2, "Bolt port " + port + " on " + HOST + " is already in use");
        }
    }

    private static void waitForEndOfStream(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // keep reading until the parent closes the pipe
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone, same as end of stream
        }
    }

    private static void fail(int code, String message) {
        System.err.println("neo4j-local: " + message);
        System.exit(code);
    }
}
