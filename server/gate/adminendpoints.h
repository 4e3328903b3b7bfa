#pragma once

#include "clock.h"
#include "httpcall.h"

#include <QObject>

namespace SignalGate::Server {

class AuditLog;
class BearerAuth;
class OperationsApi;
class RevocationList;

// The operators' endpoints: POST /admin/revoke (scope admin) and GET /metrics
// (scope admin or metrics: counters of failures and limits tell an attacker
// what works, PROTOCOL.md section 10.2).
class AdminEndpoints : public QObject
{
    Q_OBJECT
public:
    AdminEndpoints(const BearerAuth &bearer, RevocationList &revocations, AuditLog *audit,
                   const OperationsApi &operations, const SignalGate::Clock &clock, QObject *parent = nullptr);

    void revoke(const HttpCall &call);
    void metrics(const HttpCall &call);

Q_SIGNALS:
    void subjectRevoked(const QString &subject, qint64 revokedAt);

private:
    const BearerAuth &m_bearer;
    RevocationList &m_revocations;
    AuditLog *m_audit;
    const OperationsApi &m_operations;
    const SignalGate::Clock &m_clock;
};

}   // namespace SignalGate::Server
