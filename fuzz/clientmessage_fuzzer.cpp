// libFuzzer target: ClientMessage::parse, the parser of every text frame a
// connected client sends (PROTOCOL.md section 5).
#include "clientmessage.h"
#include "messages.h"
#include "servermessages.h"

#include <QByteArrayView>

#include <cmath>
#include <cstddef>
#include <cstdint>

using namespace SignalGate::Protocol;

extern "C" const char *__ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}

namespace {

[[noreturn]] void violated()
{
    __builtin_trap();
}

}   // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const ClientMessage message = ClientMessage::parse(input);

    using Kind = ClientMessage::Kind;
    // Invalid always says why (it is sent to the client); nothing else carries an error.
    if ((message.kind == Kind::Invalid) != !message.error.isEmpty())
        violated();
    if (message.kind == Kind::Invalid) {
        // What the session answers (the id, whatever it was, may be echoed).
        (void)Messages::encode(ErrorFrame{ErrorCode::BadRequest, message.error, message.id}.toJson());
        return 0;
    }

    // Accepted: a JSON object whose string "type" decided the kind, and an id
    // that is absent, a string or a number (it is echoed back verbatim).
    if (message.object.value(QLatin1String("type")).toString() != message.type
        || !message.object.value(QLatin1String("type")).isString())
        violated();
    if (!message.id.isUndefined() && !message.id.isString() && !message.id.isDouble())
        violated();
    switch (message.kind) {
    case Kind::Ping:
        if (message.type != MessageType::Ping)
            violated();
        break;
    case Kind::AuthRefresh:
        if (message.type != MessageType::AuthRefresh || !message.object.value(QLatin1String("token")).isString())
            violated();
        break;
    case Kind::Resume: {
        const QJsonValue since = message.object.value(QLatin1String("since"));
        if (message.type != MessageType::Resume || !since.isDouble() || since.toDouble() < 0
            || since.toDouble() != std::floor(since.toDouble()))
            violated();
        break;
    }
    case Kind::Publish: {
        const QJsonObject signal = message.object.value(QLatin1String("signal")).toObject();
        const double price = signal.value(QLatin1String("price")).toDouble();
        const double confidence = signal.value(QLatin1String("confidence")).toDouble();
        if (message.type != MessageType::Publish || !(price > 0) || !std::isfinite(price)
            || !(confidence >= 0 && confidence <= 1))
            violated();
        break;
    }
    case Kind::Unknown:
        if (message.type == MessageType::Ping || message.type == MessageType::AuthRefresh
            || message.type == MessageType::Resume || message.type == MessageType::Publish)
            violated();
        break;
    case Kind::Invalid:
        break;
    }
    // The answers built from an accepted message's fields.
    if (message.kind == Kind::Ping)
        (void)Messages::encode(Pong{message.id, 0}.toJson());
    else if (message.kind == Kind::Unknown)
        (void)Messages::encode(ErrorFrame{ErrorCode::UnknownType, message.type, message.id}.toJson());
    return 0;
}
