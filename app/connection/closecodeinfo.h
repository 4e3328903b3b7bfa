#pragma once

#include <QList>
#include <QString>

namespace SignalGate::Client {

// What a close code means to a person, how bad it is, and what the client
// does next (PROTOCOL.md section 4). Texts go through
// QCoreApplication::translate("CloseCodeInfo", ...) so they follow the UI language.
struct CloseCodeInfo
{
    enum class Severity { Info, Warning, Error };
    enum class NextAction {
        None,                   // e.g. the user closed it
        Reconnect,              // with backoff
        RefreshThenReconnect,   // one refresh, then one reconnect
        SignIn,                 // needs the user
        Stop,                   // do not reconnect; say why
    };

    quint16 code = 0;
    QString reason;    // the exact reason text of the contract ("" when the code has one meaning)
    QString meaning;   // one plain sentence
    Severity severity = Severity::Info;
    NextAction action = NextAction::None;

    // The entry for a close the client saw. Unknown code/reason pairs get a
    // generic meaning from the code's range and NextAction::Reconnect for
    // 1001/1006/1011/1012/1013/1014 and 4xxx-free ranges, else Stop.
    static CloseCodeInfo describe(quint16 code, const QString &reason);
    // One entry per row of the contract's table, in its order (the legend).
    static QList<CloseCodeInfo> legend();
};

}   // namespace SignalGate::Client
