package dev.pgwake.proxy.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * pgjdbc's {@code sslfactory} for tests: trusts any certificate (pgwake's is self-signed), sends the TLS server
 * name given in the connection property {@value #SERVER_NAME} (SNI), and records every TLS socket it makes
 * under the connection property {@value #RECORD_AS}, for {@link #handshakes(String)}.
 * pgjdbc creates one per connection, through the public constructor taking the connection's properties.
 */
public final class TestSslFactory extends SSLSocketFactory {
    static final String SERVER_NAME = "pgwakeTestServerName";
    static final String RECORD_AS = "pgwakeTestRecordAs";
    private static final Map<String, List<SSLSocket>> SOCKETS = new ConcurrentHashMap<>();

    private final SSLSocketFactory delegate;
    private final String serverName;
    private final String recordAs;

    public TestSslFactory(Properties info) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        this.delegate = context.getSocketFactory();
        this.serverName = info.getProperty(SERVER_NAME);
        this.recordAs = info.getProperty(RECORD_AS);
    }

    /** Properties for pgjdbc to use this factory with {@code sslmode=require}; either argument may be null. */
    static Properties tls(Properties base, String serverName, String recordAs) {
        Properties properties = new Properties();
        properties.putAll(base);
        properties.setProperty("sslmode", "require");
        properties.setProperty("sslfactory", TestSslFactory.class.getName());
        if (serverName != null) {
            properties.setProperty(SERVER_NAME, serverName);
        }
        if (recordAs != null) {
            properties.setProperty(RECORD_AS, recordAs);
        }
        return properties;
    }

    /**
     * The negotiated protocol (e.g. TLSv1.3) of each socket made for connections with {@code recordAs};
     * "NONE" for a socket whose handshake did not complete.
     */
    static List<String> handshakes(String recordAs) {
        return SOCKETS.getOrDefault(recordAs, List.of()).stream().map(s -> s.getSession().getProtocol()).toList();
    }

    /** The certificate the server showed on the last socket made for connections with {@code recordAs}. */
    static X509Certificate serverCertificate(String recordAs) throws IOException {
        List<SSLSocket> sockets = SOCKETS.getOrDefault(recordAs, List.of());
        if (sockets.isEmpty()) {
            throw new IOException("no TLS socket was made for " + recordAs);
        }
        return (X509Certificate) sockets.get(sockets.size() - 1).getSession().getPeerCertificates()[0];
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return configure(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return configure(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    private Socket configure(Socket plain) {
        SSLSocket socket = (SSLSocket) plain;
        if (serverName != null) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
        }
        if (recordAs != null) {
            SOCKETS.computeIfAbsent(recordAs, key -> new CopyOnWriteArrayList<>()).add(socket);
        }
        return socket;
    }

    /** Accepts every server certificate: these tests check routing and relaying, not certificate validation. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
