package io.github.asr4j.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Test-side HTTP: multipart bodies for the JDK client, and a bare socket that sends a request and
 * can hang up before the answer, to play a client that goes away.
 */
final class RawClient {
    static final String BOUNDARY = "asr4j-test-boundary";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RawClient() {}

    /** A multipart/form-data body: name, value pairs, where a value starting with @ is a file to attach. */
    static byte[] multipart(List<String> fields) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < fields.size(); i += 2) {
            String name = fields.get(i);
            String value = fields.get(i + 1);
            body.write(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.UTF_8));
            if (value.startsWith("@")) {
                Path file = Path.of(value.substring(1));
                body.write(("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file.getFileName()
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(Files.readAllBytes(file));
            } else {
                body.write(("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value)
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    static CompletableFuture<HttpResponse<String>> post(String url, List<String> fields) throws IOException {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the whole request on a socket and returns it unread; closing it is the client going away. */
    static Socket postAndKeepOpen(int port, String path, List<String> fields) throws IOException {
        byte[] body = multipart(fields);
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary="
                + BOUNDARY + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
        return socket;
    }
}
