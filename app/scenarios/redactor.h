#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace SignalGate::Scenarios {

// Keeps every token out of what the console shows and the reports keep.
// Each token the run handles is registered; redact() replaces it, anything
// shaped like a JWS (eyJ...x.y) and any token= query value with [REDACTED].
class Redactor
{
public:
    static constexpr QLatin1String Mark{"[REDACTED]"};

    void addSecret(const QByteArray &secret);
    QString redact(const QString &text) const;
    QList<QByteArray> secrets() const { return m_secrets; }

private:
    QList<QByteArray> m_secrets;
};

}   // namespace SignalGate::Scenarios
