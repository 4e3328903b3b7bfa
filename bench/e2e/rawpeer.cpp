// The raw-socket ceiling: a broadcaster with no WebSocket library and no
// authentication. It answers the upgrade, then writes each tick's signals,
// framed once, to every socket with one send() each. What SignalGate and the
// Node peer reach is measured against this in the same run.
//
//   bench_rawpeer [--port P] [--signal-interval-ms I] [--signals-per-tick K]
// Prints "listening on PORT" once it accepts.
#include "wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_map>

using namespace SignalGate::Bench;

namespace {

// Unsent bytes after which a reader counts as stalled and is dropped, as
// SignalGate's --max-outbound-bytes default does.
constexpr std::size_t MaxPending = 1 << 20;

struct Peer
{
    bool open = false;
    std::string head;      // the request head while it comes
    std::string pending;   // what the socket did not take yet
    bool watchingWrites = false;
};

long long nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

class RawPeer
{
public:
    RawPeer(int port, int intervalMs, int perTick);
    void run();

private:
    void accept();
    void onReadable(int fd);
    void send(int fd, Peer &peer, std::string_view bytes);
    void drop(int fd);
    void tick();

    int m_epoll = epoll_create1(0);
    int m_listener = -1;
    int m_timer = -1;
    int m_perTick;
    long long m_seq = 0;
    std::unordered_map<int, Peer> m_peers;
    char m_buffer[1 << 16];
};

RawPeer::RawPeer(int port, int intervalMs, int perTick) : m_perTick(perTick)
{
    m_listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(std::uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || listen(m_listener, 4096) != 0) {
        std::fprintf(stderr, "bench_rawpeer: cannot listen on port %d: %s\n", port, std::strerror(errno));
        std::exit(1);
    }
    socklen_t length = sizeof address;
    getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_listener;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listener, &event);
    if (intervalMs > 0) {
        m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        const timespec interval{intervalMs / 1000, long(intervalMs % 1000) * 1000000L};
        const itimerspec spec{interval, interval};
        timerfd_settime(m_timer, 0, &spec, nullptr);
        event.data.fd = m_timer;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_timer, &event);
    }
    std::printf("listening on %d\n", ntohs(address.sin_port));
    std::fflush(stdout);
}

void RawPeer::accept()
{
    while (true) {
        const int fd = accept4(m_listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        m_peers[fd];
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = fd;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    }
}

void RawPeer::drop(int fd)
{
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    close(fd);
    m_peers.erase(fd);
}

void RawPeer::send(int fd, Peer &peer, std::string_view bytes)
{
    if (!peer.pending.empty()) {
        peer.pending.append(bytes);
    } else {
        const ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent < 0 && errno != EAGAIN)
            return drop(fd);
        peer.pending.assign(bytes.substr(sent < 0 ? 0 : std::size_t(sent)));
    }
    if (peer.pending.size() > MaxPending)
        return drop(fd);
    // Only when it changes: a syscall per socket per tick would halve the ceiling.
    if (peer.watchingWrites == peer.pending.empty()) {
        peer.watchingWrites = !peer.pending.empty();
        epoll_event event{};
        event.events = EPOLLIN | (peer.watchingWrites ? std::uint32_t(EPOLLOUT) : 0u);
        event.data.fd = fd;
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
    }
}

void RawPeer::onReadable(int fd)
{
    Peer &peer = m_peers[fd];
    const ssize_t got = recv(fd, m_buffer, sizeof m_buffer, 0);
    if (got == 0 || (got < 0 && errno != EAGAIN))
        return drop(fd);
    if (got < 0 || peer.open)
        return;   // a client's frames are read and ignored
    peer.head.append(m_buffer, std::size_t(got));
    const std::size_t end = peer.head.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (peer.head.size() > 8192)
            drop(fd);
        return;
    }
    const std::size_t keyAt = peer.head.find("Sec-WebSocket-Key:");
    std::string key;
    if (keyAt != std::string::npos) {
        const std::size_t start = peer.head.find_first_not_of(' ', keyAt + 18);
        key = peer.head.substr(start, peer.head.find("\r\n", start) - start);
    }
    peer.head.clear();
    peer.head.shrink_to_fit();
    peer.open = true;
    send(fd, peer,
         "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Protocol: signalgate.v1\r\nSec-WebSocket-Accept: "
                 + acceptKey(key) + "\r\n\r\n");
}

void RawPeer::tick()
{
    std::uint64_t expirations = 0;
    if (read(m_timer, &expirations, sizeof expirations) < 0)
        return;
    // One tick per wake-up, however many were missed: a busy server falls
    // behind the feed instead of bursting, as Qt's and Node's timers do.
    std::string frames;
    const long long ts = nowMs();
    for (int i = 0; i < m_perTick; ++i) {
        char json[256];
        const int length = std::snprintf(json, sizeof json,
                                         "{\"confidence\":0.83,\"price\":1.0848,\"seq\":%lld,\"side\":\"buy\","
                                         "\"symbol\":\"EUR-USD\",\"ts\":%lld,\"type\":\"signal\"}",
                                         ++m_seq, ts);
        frames += serverFrameHeader(1, std::size_t(length));
        frames.append(json, std::size_t(length));
    }
    for (auto it = m_peers.begin(); it != m_peers.end();) {
        const int fd = it->first;
        Peer &peer = it->second;
        ++it;   // send() may drop this peer
        if (peer.open)
            send(fd, peer, frames);
    }
}

void RawPeer::run()
{
    epoll_event events[256];
    while (true) {
        const int ready = epoll_wait(m_epoll, events, 256, -1);
        for (int i = 0; i < ready; ++i) {
            const int fd = events[i].data.fd;
            if (fd == m_listener) {
                accept();
            } else if (fd == m_timer) {
                tick();
            } else if (events[i].events & EPOLLOUT) {
                auto it = m_peers.find(fd);
                if (it != m_peers.end()) {
                    std::string pending = std::move(it->second.pending);
                    it->second.pending.clear();
                    send(fd, it->second, pending);
                }
            } else {
                onReadable(fd);
            }
        }
    }
}

}   // namespace

int main(int argc, char **argv)
{
    int port = 0;
    int intervalMs = 250;
    int perTick = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const int value = std::atoi(argv[i + 1]);
        if (flag == "--port")
            port = value;
        else if (flag == "--signal-interval-ms")
            intervalMs = value;
        else if (flag == "--signals-per-tick")
            perTick = value;
        else {
            std::fprintf(stderr, "bench_rawpeer: unknown flag %s\n", flag.c_str());
            return 2;
        }
    }
    if (argc % 2 == 0) {
        std::fprintf(stderr, "usage: bench_rawpeer [--port P] [--signal-interval-ms I] [--signals-per-tick K]\n");
        return 2;
    }
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
    RawPeer peer(port, intervalMs, perTick);
    peer.run();
}
