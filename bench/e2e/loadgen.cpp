// The end-to-end load generator: one epoll loop that opens N WebSocket
// connections to a server (ours or a peer), from many loopback source
// addresses, and measures what a dashboard fleet would see:
//   - authenticated upgrades per second while the N connections open;
//   - the server's RSS per idle connection once they are open;
//   - deliveries per second, latency from each signal's "ts", seq gaps and
//     reorders while the feed runs;
//   - the server's CPU use over that window.
// It prints one JSON object. No Qt here: the generator must cost far less
// than what it measures, and must treat every server the same way.
//
//   bench_loadgen --port P [--host 127.0.0.1] [--path /ws] [--token T]
//                 [--conns N] [--parallel P] [--sources K] [--settle-ms MS]
//                 [--seconds S] [--server-pid PID] [--label NAME]
#include "wire.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

using namespace SignalGate::Bench;

namespace {

struct Options
{
    std::string host = "127.0.0.1";
    int port = 0;
    std::string path = "/ws";
    std::string token;
    std::string label = "server";
    int conns = 100;
    int parallel = 128;
    int sources = 64;
    int settleMs = 1000;
    double seconds = 5;
    int serverPid = 0;
};

long long nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

double monotonicS()
{
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr,
                 "bench_loadgen: %s\nusage: bench_loadgen --port P [--host H] [--path /ws] [--token T] [--conns N]\n"
                 "       [--parallel P] [--sources K] [--settle-ms MS] [--seconds S] [--server-pid PID] "
                 "[--label NAME]\n",
                 why);
    std::exit(2);
}

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc)
            usage(("missing value after " + flag).c_str());
        const std::string value = argv[++i];
        if (flag == "--host")
            o.host = value;
        else if (flag == "--port")
            o.port = std::atoi(value.c_str());
        else if (flag == "--path")
            o.path = value;
        else if (flag == "--token")
            o.token = value;
        else if (flag == "--label")
            o.label = value;
        else if (flag == "--conns")
            o.conns = std::atoi(value.c_str());
        else if (flag == "--parallel")
            o.parallel = std::max(1, std::atoi(value.c_str()));
        else if (flag == "--sources")
            o.sources = std::clamp(std::atoi(value.c_str()), 1, 250 * 250);
        else if (flag == "--settle-ms")
            o.settleMs = std::atoi(value.c_str());
        else if (flag == "--seconds")
            o.seconds = std::atof(value.c_str());
        else if (flag == "--server-pid")
            o.serverPid = std::atoi(value.c_str());
        else
            usage(("unknown flag " + flag).c_str());
    }
    if (o.port <= 0 || o.port > 65535)
        usage("--port is required");
    if (o.conns < 1)
        usage("--conns must be at least 1");
    return o;
}

enum class State { Connecting, Handshaking, Open, Closed };

struct Conn
{
    int fd = -1;
    State state = State::Connecting;
    std::string out;   // unsent bytes (the request, pongs)
    std::string in;    // an incomplete response head or frame
    long long lastSeq = -1;
};

struct Stats
{
    int connected = 0;
    std::map<std::string, int> refused;   // HTTP status or network error, count
    std::map<int, int> closes;            // close code (1006: no close frame), count
    long long deliveries = 0;             // signals inside the measured window
    long long gaps = 0;                   // seqs skipped on a connection
    long long reordered = 0;              // seqs at or below the connection's last
    std::vector<long long> latencyMs = std::vector<long long>(60001, 0);
    bool measuring = false;
};

class LoadGen
{
public:
    explicit LoadGen(const Options &options)
        : m_o(options)
        , m_epoll(epoll_create1(0))
        , m_conns(std::size_t(options.conns))
    {
        m_request = "GET " + m_o.path + " HTTP/1.1\r\nHost: " + m_o.host + ":" + std::to_string(m_o.port)
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: signalgate.v1\r\n";
        if (!m_o.token.empty())
            m_request += "Authorization: Bearer " + m_o.token + "\r\n";
        m_request += "\r\n";
    }

    void run();

private:
    void openNext();
    void onEvent(std::size_t index, std::uint32_t events);
    void readHead(Conn &conn);
    void readFrames(Conn &conn);
    void onText(Conn &conn, std::string_view payload);
    void flush(Conn &conn);
    void finish(Conn &conn, int closeCode, const std::string &refusal = {});
    void poll(int timeoutMs);
    int inFlight() const { return m_started - m_settled; }

    Options m_o;
    int m_epoll;
    std::vector<Conn> m_conns;
    std::string m_request;
    int m_started = 0;
    int m_settled = 0;   // open, refused or failed
    Stats m_stats;
    char m_buffer[1 << 16];
};

void LoadGen::openNext()
{
    Conn &conn = m_conns[std::size_t(m_started)];
    const int index = m_started++;
    conn.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (conn.fd < 0)
        return finish(conn, 0, std::string("socket: ") + std::strerror(errno));
    // Many source addresses, as many clients would be: per-address port
    // ranges and per-IP limits then behave as in the field.
    const int source = index % m_o.sources;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr =
            htonl((127u << 24) | (1u << 16) | (std::uint32_t(source / 250) << 8) | std::uint32_t(source % 250 + 1));
    const int one = 1;
    setsockopt(conn.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (bind(conn.fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0)
        return finish(conn, 0, std::string("bind: ") + std::strerror(errno));
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(std::uint16_t(m_o.port));
    inet_pton(AF_INET, m_o.host.c_str(), &remote.sin_addr);
    if (connect(conn.fd, reinterpret_cast<sockaddr *>(&remote), sizeof remote) != 0 && errno != EINPROGRESS)
        return finish(conn, 0, std::string("connect: ") + std::strerror(errno));
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT;
    event.data.u64 = std::uint64_t(index);
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, conn.fd, &event);
}

void LoadGen::finish(Conn &conn, int closeCode, const std::string &refusal)
{
    if (conn.state == State::Closed)
        return;
    if (conn.state == State::Open)
        ++m_stats.closes[closeCode];
    else {
        ++m_stats.refused[refusal];
        ++m_settled;
    }
    conn.state = State::Closed;
    if (conn.fd >= 0)
        close(conn.fd);
    conn.fd = -1;
    conn.in.clear();
    conn.in.shrink_to_fit();
}

void LoadGen::flush(Conn &conn)
{
    while (!conn.out.empty()) {
        const ssize_t sent = send(conn.fd, conn.out.data(), conn.out.size(), MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EAGAIN)
                break;
            return finish(conn, 1006, std::string("send: ") + std::strerror(errno));
        }
        conn.out.erase(0, std::size_t(sent));
    }
    epoll_event event{};
    event.events = EPOLLIN | (conn.out.empty() ? 0u : std::uint32_t(EPOLLOUT));
    event.data.u64 = std::uint64_t(&conn - m_conns.data());
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, conn.fd, &event);
}

void LoadGen::onEvent(std::size_t index, std::uint32_t events)
{
    Conn &conn = m_conns[index];
    if (conn.state == State::Closed)
        return;
    if (conn.state == State::Connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
        int error = 0;
        socklen_t length = sizeof error;
        getsockopt(conn.fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0)
            return finish(conn, 0, std::string("connect: ") + std::strerror(error));
        conn.state = State::Handshaking;
        conn.out = m_request;
        flush(conn);
        return;
    }
    if ((events & EPOLLOUT) && !conn.out.empty())
        flush(conn);
    if (conn.state == State::Closed || !(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        return;
    if (conn.state == State::Handshaking)
        readHead(conn);
    else
        readFrames(conn);
}

void LoadGen::readHead(Conn &conn)
{
    const ssize_t got = recv(conn.fd, m_buffer, sizeof m_buffer, 0);
    if (got <= 0) {
        if (got < 0 && errno == EAGAIN)
            return;
        return finish(conn, 0, "closed before an answer");
    }
    conn.in.append(m_buffer, std::size_t(got));
    const std::size_t end = conn.in.find("\r\n\r\n");
    if (end == std::string::npos)
        return;
    const std::size_t space = conn.in.find(' ');
    const std::string status = conn.in.substr(space + 1, 3);
    if (status != "101")
        return finish(conn, 0, "HTTP " + status);
    conn.state = State::Open;
    ++m_stats.connected;
    ++m_settled;
    conn.in.erase(0, end + 4);
    std::string rest;
    rest.swap(conn.in);
    if (!rest.empty()) {
        // Frames that came with the head (a welcome, say).
        std::string_view data(rest);
        while (true) {
            const Frame frame = parseFrame(data);
            if (frame.size == 0)
                break;
            if (frame.opcode == 1)
                onText(conn, frame.payload);
            data.remove_prefix(frame.size);
        }
        conn.in.assign(data);
    }
}

void LoadGen::readFrames(Conn &conn)
{
    while (conn.state == State::Open) {
        const ssize_t got = recv(conn.fd, m_buffer, sizeof m_buffer, 0);
        if (got < 0 && errno == EAGAIN)
            return;
        if (got <= 0)
            return finish(conn, 1006);
        std::string_view data(m_buffer, std::size_t(got));
        if (!conn.in.empty()) {
            conn.in.append(data);
            data = conn.in;
        }
        std::size_t used = 0;
        while (conn.state == State::Open) {
            const Frame frame = parseFrame(data.substr(used));
            if (frame.size == 0)
                break;
            used += frame.size;
            if (frame.opcode == 1 && frame.fin)
                onText(conn, frame.payload);
            else if (frame.opcode == 9) {
                conn.out += clientFrame(10, frame.payload);
                flush(conn);
            } else if (frame.opcode == 8) {
                const int code = frame.payload.size() >= 2
                        ? (std::uint8_t(frame.payload[0]) << 8) | std::uint8_t(frame.payload[1])
                        : 1005;
                return finish(conn, code);
            }
        }
        if (conn.state != State::Open)
            return;
        std::string rest(data.substr(used));
        conn.in.swap(rest);
        if (std::size_t(got) < sizeof m_buffer)
            return;
    }
}

void LoadGen::onText(Conn &conn, std::string_view payload)
{
    if (payload.find("\"type\":\"signal\"") == std::string_view::npos)
        return;
    const long long seq = jsonInteger(payload, "seq");
    if (conn.lastSeq >= 0) {
        if (seq <= conn.lastSeq)
            ++m_stats.reordered;
        else
            m_stats.gaps += seq - conn.lastSeq - 1;
    }
    conn.lastSeq = std::max(conn.lastSeq, seq);
    if (!m_stats.measuring)
        return;
    ++m_stats.deliveries;
    const long long ts = jsonInteger(payload, "ts");
    const long long latency = std::clamp(nowMs() - ts, 0LL, 60000LL);
    ++m_stats.latencyMs[std::size_t(latency)];
}

void LoadGen::poll(int timeoutMs)
{
    epoll_event events[256];
    const int ready = epoll_wait(m_epoll, events, 256, timeoutMs);
    for (int i = 0; i < ready; ++i)
        onEvent(std::size_t(events[i].data.u64), events[i].events);
}

long long percentile(const std::vector<long long> &histogram, long long total, double fraction)
{
    if (total == 0)
        return -1;
    const long long rank = std::max(1LL, (long long)(double(total) * fraction + 0.999999));
    long long seen = 0;
    for (std::size_t ms = 0; ms < histogram.size(); ++ms) {
        seen += histogram[ms];
        if (seen >= rank)
            return (long long)ms;
    }
    return (long long)histogram.size() - 1;
}

std::string jsonString(const std::string &text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out.push_back('\\');
        if (std::uint8_t(c) >= 0x20)
            out.push_back(c);
    }
    return out + "\"";
}

void LoadGen::run()
{
    const long long rssBefore = m_o.serverPid ? residentKiB(m_o.serverPid) : -1;
    const double connectStart = monotonicS();
    while (m_settled < m_o.conns) {
        while (m_started < m_o.conns && inFlight() < m_o.parallel)
            openNext();
        poll(100);
        if (monotonicS() - connectStart > 60)
            break;
    }
    const double connectSeconds = monotonicS() - connectStart;

    const double settleEnd = monotonicS() + m_o.settleMs / 1000.0;
    while (monotonicS() < settleEnd)
        poll(10);
    const long long rssIdle = m_o.serverPid ? residentKiB(m_o.serverPid) : -1;

    const long long cpuStart = m_o.serverPid ? cpuMs(m_o.serverPid) : -1;
    m_stats.measuring = true;
    const double measureStart = monotonicS();
    while (monotonicS() - measureStart < m_o.seconds)
        poll(10);
    const double measured = monotonicS() - measureStart;
    const long long cpuEnd = m_o.serverPid ? cpuMs(m_o.serverPid) : -1;
    const long long rssEnd = m_o.serverPid ? residentKiB(m_o.serverPid) : -1;

    std::string refused;
    for (const auto &[why, count] : m_stats.refused)
        refused += (refused.empty() ? "" : ",") + jsonString(why) + ":" + std::to_string(count);
    std::string closes;
    for (const auto &[code, count] : m_stats.closes)
        closes += (closes.empty() ? "" : ",") + jsonString(std::to_string(code)) + ":" + std::to_string(count);
    const auto number = [](double value) {
        char text[64];
        std::snprintf(text, sizeof text, "%.2f", value);
        return std::string(text);
    };
    const long long total = m_stats.deliveries;
    std::printf(
            "{\"label\":%s,\"conns\":%d,\"connected\":%d,\"refused\":{%s},\"connect_s\":%s,"
            "\"upgrades_per_s\":%s,\"measured_s\":%s,\"deliveries\":%lld,\"deliveries_per_s\":%s,"
            "\"latency_ms\":{\"p50\":%lld,\"p90\":%lld,\"p99\":%lld,\"max\":%lld},\"seq_gaps\":%lld,"
            "\"reordered\":%lld,\"closes\":{%s},\"server\":{\"rss_before_kib\":%lld,\"rss_idle_kib\":%lld,"
            "\"rss_end_kib\":%lld,\"rss_per_conn_kib\":%s,\"cpu_percent\":%s}}\n",
            jsonString(m_o.label).c_str(), m_o.conns, m_stats.connected, refused.c_str(),
            number(connectSeconds).c_str(), number(m_stats.connected / std::max(connectSeconds, 1e-6)).c_str(),
            number(measured).c_str(), total, number(double(total) / std::max(measured, 1e-6)).c_str(),
            percentile(m_stats.latencyMs, total, 0.5), percentile(m_stats.latencyMs, total, 0.9),
            percentile(m_stats.latencyMs, total, 0.99), percentile(m_stats.latencyMs, total, 1.0), m_stats.gaps,
            m_stats.reordered, closes.c_str(), rssBefore, rssIdle, rssEnd,
            number(m_stats.connected && rssBefore >= 0 ? double(rssIdle - rssBefore) / m_stats.connected : -1).c_str(),
            number(cpuStart >= 0 ? 100.0 * double(cpuEnd - cpuStart) / (measured * 1000) : -1).c_str());
}

}   // namespace

int main(int argc, char **argv)
{
    const Options options = parse(argc, argv);
    // One descriptor per connection, and room to spare.
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    if (files.rlim_cur < rlim_t(options.conns) + 64) {
        files.rlim_cur = std::min<rlim_t>(files.rlim_max, rlim_t(options.conns) + 64);
        setrlimit(RLIMIT_NOFILE, &files);
    }
    LoadGen generator(options);
    generator.run();
    return 0;
}
