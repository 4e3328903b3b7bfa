#include "wire.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace SignalGate::Bench {

std::string acceptKey(std::string_view clientKey)
{
    const std::string text = std::string(clientKey) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char *>(text.data()), text.size(), digest);
    unsigned char encoded[4 * ((SHA_DIGEST_LENGTH + 2) / 3) + 1];
    const int length = EVP_EncodeBlock(encoded, digest, SHA_DIGEST_LENGTH);
    return std::string(reinterpret_cast<const char *>(encoded), std::size_t(length));
}

namespace {

void appendLength(std::string &out, std::uint8_t maskBit, std::size_t size)
{
    if (size < 126) {
        out.push_back(char(maskBit | size));
    } else if (size <= 0xffff) {
        out.push_back(char(maskBit | 126));
        out.push_back(char(size >> 8));
        out.push_back(char(size & 0xff));
    } else {
        out.push_back(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(char((std::uint64_t(size) >> shift) & 0xff));
    }
}

}   // namespace

std::string serverFrameHeader(std::uint8_t opcode, std::size_t payloadSize)
{
    std::string header;
    header.push_back(char(0x80 | opcode));
    appendLength(header, 0, payloadSize);
    return header;
}

std::string clientFrame(std::uint8_t opcode, std::string_view payload)
{
    static constexpr unsigned char mask[4] = {0x5a, 0xc3, 0x17, 0x9e};
    std::string frame;
    frame.push_back(char(0x80 | opcode));
    appendLength(frame, 0x80, payload.size());
    frame.append(reinterpret_cast<const char *>(mask), 4);
    for (std::size_t i = 0; i < payload.size(); ++i)
        frame.push_back(char(payload[i] ^ mask[i % 4]));
    return frame;
}

Frame parseFrame(std::string_view data)
{
    Frame frame;
    if (data.size() < 2)
        return frame;
    const auto byte = [&data](std::size_t i) { return std::uint8_t(data[i]); };
    std::size_t header = 2;
    std::uint64_t length = byte(1) & 0x7f;
    if (length == 126) {
        header = 4;
        if (data.size() < header)
            return frame;
        length = (std::uint64_t(byte(2)) << 8) | byte(3);
    } else if (length == 127) {
        header = 10;
        if (data.size() < header)
            return frame;
        length = 0;
        for (std::size_t i = 2; i < 10; ++i)
            length = (length << 8) | byte(i);
    }
    if (byte(1) & 0x80)
        header += 4;
    if (data.size() < header || data.size() - header < length)
        return frame;
    frame.opcode = byte(0) & 0x0f;
    frame.fin = (byte(0) & 0x80) != 0;
    frame.payload = data.substr(header, std::size_t(length));
    frame.size = header + std::size_t(length);
    return frame;
}

long long jsonInteger(std::string_view json, std::string_view key)
{
    std::string quoted;
    quoted.reserve(key.size() + 3);
    quoted.append("\"").append(key).append("\":");
    const std::size_t at = json.find(quoted);
    if (at == std::string_view::npos)
        return -1;
    std::size_t i = at + quoted.size();
    while (i < json.size() && json[i] == ' ')
        ++i;
    long long value = 0;
    bool any = false;
    for (; i < json.size() && json[i] >= '0' && json[i] <= '9'; ++i) {
        value = value * 10 + (json[i] - '0');
        any = true;
    }
    return any ? value : -1;
}

long long residentKiB(int pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atoll(line.c_str() + 6);
    }
    return -1;
}

long long cpuMs(int pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    // Fields after the command name, which may hold spaces: state is field 3,
    // utime and stime are fields 14 and 15.
    const std::size_t close = text.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    long long utime = 0;
    long long stime = 0;
    for (int index = 3; rest >> field; ++index) {
        if (index == 14)
            utime = std::atoll(field.c_str());
        if (index == 15) {
            stime = std::atoll(field.c_str());
            break;
        }
    }
    return (utime + stime) * 1000 / sysconf(_SC_CLK_TCK);
}

}   // namespace SignalGate::Bench
