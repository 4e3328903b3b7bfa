// The client's decisions without a network: what a close code means and what
// happens next (CloseCodeInfo, ReconnectPolicy), when the access token is
// refreshed (RefreshScheduler) and how a token's claims are read (TokenClaims).
// Clocks and random numbers are injected, so nothing here sleeps.
#include "closecodeinfo.h"
#include "closecodes.h"
#include "manualclock.h"
#include "reconnectpolicy.h"
#include "refreshscheduler.h"
#include "tokenclaims.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <iterator>
#include <limits>

using namespace SignalGate::Protocol;
using namespace SignalGate::Client;

Q_DECLARE_METATYPE(CloseCodeInfo::Severity)
Q_DECLARE_METATYPE(CloseCodeInfo::NextAction)
Q_DECLARE_METATYPE(ReconnectPolicy::Kind)

// Found by QCOMPARE through argument-dependent lookup, so a failure names the
// values instead of "Compared values are not the same".
char *toString(CloseCodeInfo::Severity severity)
{
    switch (severity) {
    case CloseCodeInfo::Severity::Info:
        return qstrdup("Info");
    case CloseCodeInfo::Severity::Warning:
        return qstrdup("Warning");
    case CloseCodeInfo::Severity::Error:
        return qstrdup("Error");
    }
    return qstrdup("?");
}

char *toString(CloseCodeInfo::NextAction action)
{
    switch (action) {
    case CloseCodeInfo::NextAction::None:
        return qstrdup("None");
    case CloseCodeInfo::NextAction::Reconnect:
        return qstrdup("Reconnect");
    case CloseCodeInfo::NextAction::RefreshThenReconnect:
        return qstrdup("RefreshThenReconnect");
    case CloseCodeInfo::NextAction::SignIn:
        return qstrdup("SignIn");
    case CloseCodeInfo::NextAction::Stop:
        return qstrdup("Stop");
    }
    return qstrdup("?");
}

char *toString(ReconnectPolicy::Kind kind)
{
    switch (kind) {
    case ReconnectPolicy::Kind::Reconnect:
        return qstrdup("Reconnect");
    case ReconnectPolicy::Kind::RefreshThenReconnect:
        return qstrdup("RefreshThenReconnect");
    case ReconnectPolicy::Kind::SignIn:
        return qstrdup("SignIn");
    case ReconnectPolicy::Kind::Stop:
        return qstrdup("Stop");
    }
    return qstrdup("?");
}

namespace {

using Severity = CloseCodeInfo::Severity;
using Action = CloseCodeInfo::NextAction;
using Kind = ReconnectPolicy::Kind;

// What reconnectpolicy.h documents for each row of PROTOCOL.md
// section 4, written down here independently of the implementation.
struct Expectation
{
    CloseSpec spec;
    Severity severity;
    Action action;
    Kind kind;   // a fresh policy's first decision
};

const Expectation contractRows[] = {
        {Close::NormalClosure, Severity::Info, Action::None, Kind::Stop},
        {Close::ServerShuttingDown, Severity::Warning, Action::Reconnect, Kind::Reconnect},
        {Close::UnsupportedData, Severity::Error, Action::Stop, Kind::Stop},
        {Close::AuthenticationRequired, Severity::Error, Action::SignIn, Kind::SignIn},
        {Close::InvalidToken, Severity::Error, Action::RefreshThenReconnect, Kind::RefreshThenReconnect},
        {Close::TokenExpired, Severity::Warning, Action::RefreshThenReconnect, Kind::RefreshThenReconnect},
        {Close::TokenRevoked, Severity::Error, Action::Stop, Kind::Stop},
        {Close::RefreshRejected, Severity::Error, Action::Stop, Kind::Stop},
        {Close::RateLimitExceeded, Severity::Error, Action::Stop, Kind::Stop},
        {Close::TooManyConnections, Severity::Error, Action::Stop, Kind::Stop},
        {Close::MessageTooBig, Severity::Error, Action::Stop, Kind::Stop},
        {Close::InternalError, Severity::Error, Action::Reconnect, Kind::Reconnect},
        {Close::SlowConsumer, Severity::Warning, Action::Reconnect, Kind::Reconnect},
};

const Expectation *expectationFor(const CloseSpec &spec)
{
    for (const Expectation &row : contractRows) {
        if (row.spec.code == spec.code && qstrcmp(row.spec.reason, spec.reason) == 0)
            return &row;
    }
    return nullptr;
}

// Every data row of the contract-driven tests comes from Close::all(), so a
// row added to the contract without an expectation here fails loudly.
void addContractRows()
{
    QTest::addColumn<quint16>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("documented");
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<Action>("action");
    QTest::addColumn<Kind>("kind");
    for (const CloseSpec &spec : Close::all()) {
        const Expectation *expected = expectationFor(spec);
        QTest::addRow("%u %s", unsigned(spec.code), spec.reason)
                << spec.code << spec.reasonText() << (expected != nullptr)
                << (expected ? expected->severity : Severity::Info) << (expected ? expected->action : Action::None)
                << (expected ? expected->kind : Kind::Stop);
    }
}

const double almostOne = std::nextafter(1.0, 0.0);

ReconnectPolicy::Random constant(double value)
{
    return [value] { return value; };
}

// min(cap, base * 2^n) for the defaults (500 ms, 30 s).
qint64 window(int attempt)
{
    qint64 ms = 500;
    for (int i = 0; i < attempt && ms < 30000; ++i)
        ms *= 2;
    return std::min<qint64>(ms, 30000);
}

// The reconnect triggers, by name, so test data can list them.
ReconnectPolicy::Decision trigger(ReconnectPolicy &policy, const QString &name)
{
    if (name == QLatin1String("network error"))
        return policy.networkError();
    if (name == QLatin1String("HTTP 429"))
        return policy.httpRefused(429, 0);
    if (name == QLatin1String("1006"))
        return policy.closed(1006, QString());
    for (const CloseSpec &spec : Close::all()) {
        if (name == QString::number(spec.code))
            return policy.closed(spec.code, spec.reasonText());
    }
    qFatal("unknown trigger %s", qPrintable(name));
}

Action actionFor(Kind kind)
{
    switch (kind) {
    case Kind::Reconnect:
        return Action::Reconnect;
    case Kind::RefreshThenReconnect:
        return Action::RefreshThenReconnect;
    case Kind::SignIn:
        return Action::SignIn;
    case Kind::Stop:
        return Action::Stop;
    }
    return Action::None;
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray jsonSegment(const QJsonObject &object)
{
    return base64Url(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const QByteArray validHeader = jsonSegment(
        {{QStringLiteral("alg"), QStringLiteral("HS256")}, {QStringLiteral("typ"), QStringLiteral("at+jwt")}});
const QByteArray fakeSignature = base64Url(QByteArray(32, '\x5a'));

QByteArray token(const QByteArray &header, const QByteArray &payload)
{
    return header + '.' + payload + '.' + fakeSignature;
}

constexpr qint64 issuedAt = 1700000000;   // seconds

}   // namespace

class TestPolicies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // CloseCodeInfo
    void closeInfoContractRows_data();
    void closeInfoContractRows();
    void closeInfoAbnormalClosure_data();
    void closeInfoAbnormalClosure();
    void closeInfoLegend();
    void closeInfoOneMeaningCodesIgnoreReason_data();
    void closeInfoOneMeaningCodesIgnoreReason();
    void closeInfoUnknown_data();
    void closeInfoUnknown();
    void closeInfoAgreesWithPolicy_data();
    void closeInfoAgreesWithPolicy();

    // ReconnectPolicy
    void policyCloseKinds_data();
    void policyCloseKinds();
    void policyBackoffGrows_data();
    void policyBackoffGrows();
    void policyBackoffZero_data();
    void policyBackoffZero();
    void policyFullJitterBounds_data();
    void policyFullJitterBounds();
    void policyRetryAfter_data();
    void policyRetryAfter();
    void policyConnectedResets();
    void policyRefreshOnce_data();
    void policyRefreshOnce();
    void policyHttpRefused_data();
    void policyHttpRefused();
    void policyDefaultRandom();

    // RefreshScheduler
    void refreshAt_data();
    void refreshAt();
    void schedulerJitterFromRandom_data();
    void schedulerJitterFromRandom();
    void schedulerPollAroundRefreshTime_data();
    void schedulerPollAroundRefreshTime();
    void schedulerPastRefreshTimeIsDueAtOnce();
    void schedulerTimerCallsPoll();
    void schedulerFailureBackoff_data();
    void schedulerFailureBackoff();
    void schedulerFailureNearExpiry_data();
    void schedulerFailureNearExpiry();
    void schedulerGivesUp_data();
    void schedulerGivesUp();
    void schedulerSetTokenResetsFailures();
    void schedulerClearStops();

    // TokenClaims
    void claimsDecode();
    void claimsMissingTimes();
    void claimsReject_data();
    void claimsReject();
};

// --- CloseCodeInfo ----------------------------------------------------------

void TestPolicies::closeInfoContractRows_data()
{
    addContractRows();
}

void TestPolicies::closeInfoContractRows()
{
    QFETCH(quint16, code);
    QFETCH(QString, reason);
    QFETCH(bool, documented);
    QFETCH(Severity, severity);
    QFETCH(Action, action);
    QVERIFY2(documented, "a contract row without an expectation in tst_policies");

    const CloseCodeInfo info = CloseCodeInfo::describe(code, reason);
    QCOMPARE(info.code, code);
    QCOMPARE(info.reason, reason);
    QVERIFY(!info.meaning.trimmed().isEmpty());
    QCOMPARE(info.severity, severity);
    QCOMPARE(info.action, action);
}

void TestPolicies::closeInfoAbnormalClosure_data()
{
    QTest::addColumn<QString>("reason");
    QTest::newRow("no reason") << QString();
    QTest::newRow("a local reason") << QStringLiteral("Connection reset by peer");
}

void TestPolicies::closeInfoAbnormalClosure()
{
    QFETCH(QString, reason);
    const CloseCodeInfo info = CloseCodeInfo::describe(1006, reason);
    QCOMPARE(info.code, quint16(1006));
    QVERIFY(!info.meaning.trimmed().isEmpty());
    QCOMPARE(info.severity, Severity::Warning);
    QCOMPARE(info.action, Action::Reconnect);
}

void TestPolicies::closeInfoLegend()
{
    const QList<CloseSpec> specs = Close::all();
    const QList<CloseCodeInfo> legend = CloseCodeInfo::legend();
    QCOMPARE(legend.size(), specs.size() + 1);
    QSet<QString> meanings;
    for (qsizetype i = 0; i < specs.size(); ++i) {
        QCOMPARE(legend.at(i).code, specs.at(i).code);
        QCOMPARE(legend.at(i).reason, specs.at(i).reasonText());
        QVERIFY(!legend.at(i).meaning.trimmed().isEmpty());
        meanings.insert(legend.at(i).meaning);
    }
    QCOMPARE(legend.last().code, quint16(1006));
    QVERIFY(!legend.last().meaning.trimmed().isEmpty());
    meanings.insert(legend.last().meaning);
    // Each code/reason pair explains itself; a shared sentence would hide which one it was.
    QCOMPARE(meanings.size(), legend.size());
}

void TestPolicies::closeInfoOneMeaningCodesIgnoreReason_data()
{
    QTest::addColumn<quint16>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("contractReason");
    const auto add = [](const CloseSpec &spec, const QString &otherReason) {
        QTest::addRow("%u %s", unsigned(spec.code), qPrintable(otherReason))
                << spec.code << otherReason << spec.reasonText();
    };
    add(Close::NormalClosure, QString());
    add(Close::ServerShuttingDown, QStringLiteral("Going away"));
    add(Close::UnsupportedData, QString());
    add(Close::MessageTooBig, QStringLiteral("Frame too large"));
    add(Close::InternalError, QStringLiteral("oops"));
    add(Close::SlowConsumer, QStringLiteral("Try again later"));
}

void TestPolicies::closeInfoOneMeaningCodesIgnoreReason()
{
    QFETCH(quint16, code);
    QFETCH(QString, reason);
    QFETCH(QString, contractReason);
    const CloseCodeInfo seen = CloseCodeInfo::describe(code, reason);
    const CloseCodeInfo row = CloseCodeInfo::describe(code, contractReason);
    QCOMPARE(seen.code, code);
    QCOMPARE(seen.meaning, row.meaning);
    QCOMPARE(seen.severity, row.severity);
    QCOMPARE(seen.action, row.action);
}

void TestPolicies::closeInfoUnknown_data()
{
    QTest::addColumn<quint16>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<Action>("action");
    QTest::newRow("1008 unknown reason") << quint16(1008) << QStringLiteral("Something new") << Action::Stop;
    QTest::newRow("1008 no reason") << quint16(1008) << QString() << Action::Stop;
    QTest::newRow("1002 protocol error") << quint16(1002) << QString() << Action::Stop;
    QTest::newRow("1007 invalid payload") << quint16(1007) << QString() << Action::Stop;
    QTest::newRow("1012 service restart") << quint16(1012) << QStringLiteral("Service restart") << Action::Reconnect;
    QTest::newRow("1014 bad gateway") << quint16(1014) << QString() << Action::Reconnect;
    QTest::newRow("1015 TLS") << quint16(1015) << QString() << Action::Stop;
    QTest::newRow("2999 reserved") << quint16(2999) << QString() << Action::Stop;
    QTest::newRow("3000 registered") << quint16(3000) << QStringLiteral("Unauthorized") << Action::Stop;
    QTest::newRow("4001 private") << quint16(4001) << QStringLiteral("custom") << Action::Stop;
    QTest::newRow("0 invalid") << quint16(0) << QString() << Action::Stop;
    QTest::newRow("65535 invalid") << quint16(65535) << QString() << Action::Stop;
}

void TestPolicies::closeInfoUnknown()
{
    QFETCH(quint16, code);
    QFETCH(QString, reason);
    QFETCH(Action, action);
    const CloseCodeInfo info = CloseCodeInfo::describe(code, reason);
    QCOMPARE(info.code, code);
    QCOMPARE(info.reason, reason);
    QVERIFY(!info.meaning.trimmed().isEmpty());
    QCOMPARE(info.action, action);
    QVERIFY(info.severity != Severity::Info);
    // Generic: it must not borrow the sentence of a contract row.
    for (const CloseCodeInfo &row : CloseCodeInfo::legend())
        QVERIFY2(info.meaning != row.meaning, qPrintable(info.meaning));
}

void TestPolicies::closeInfoAgreesWithPolicy_data()
{
    addContractRows();
}

void TestPolicies::closeInfoAgreesWithPolicy()
{
    QFETCH(quint16, code);
    QFETCH(QString, reason);
    ReconnectPolicy policy(constant(0.5));
    const Kind kind = policy.closed(code, reason).kind;
    // 1000 is the one place the log says "nothing to do" where the policy says Stop.
    const Action expected = code == 1000 ? Action::None : actionFor(kind);
    QCOMPARE(CloseCodeInfo::describe(code, reason).action, expected);
}

// --- ReconnectPolicy ----------------------------------------------------------

void TestPolicies::policyCloseKinds_data()
{
    addContractRows();
    QTest::newRow("1006 abnormal closure")
            << quint16(1006) << QString() << true << Severity::Warning << Action::Reconnect << Kind::Reconnect;
    QTest::newRow("1001 other reason") << quint16(1001) << QStringLiteral("Going away") << true << Severity::Warning
                                       << Action::Reconnect << Kind::Reconnect;
    QTest::newRow("1008 unknown reason") << quint16(1008) << QStringLiteral("Something new") << true << Severity::Error
                                         << Action::Stop << Kind::Stop;
}

void TestPolicies::policyCloseKinds()
{
    QFETCH(quint16, code);
    QFETCH(QString, reason);
    QFETCH(bool, documented);
    QFETCH(Kind, kind);
    QVERIFY2(documented, "a contract row without an expectation in tst_policies");

    ReconnectPolicy policy(constant(almostOne));
    const ReconnectPolicy::Decision decision = policy.closed(code, reason);
    QCOMPARE(decision.kind, kind);
    QVERIFY(!decision.why.trimmed().isEmpty());
    if (kind == Kind::Reconnect)
        QCOMPARE(decision.delayMs, qint64(500));
    else if (kind != Kind::RefreshThenReconnect)
        QCOMPARE(decision.delayMs, qint64(0));
    QVERIFY(decision.delayMs >= 0);
}

void TestPolicies::policyBackoffGrows_data()
{
    QTest::addColumn<QString>("trigger");
    for (const char *name : {"network error", "1001", "1006", "1011", "1013", "HTTP 429"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestPolicies::policyBackoffGrows()
{
    QFETCH(QString, trigger);
    ReconnectPolicy policy(constant(almostOne));
    const QList<qint64> expected{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(policy.attempt(), int(i));
        const ReconnectPolicy::Decision decision = ::trigger(policy, trigger);
        QCOMPARE(decision.kind, Kind::Reconnect);
        QCOMPARE(decision.delayMs, expected.at(i));
    }
    QCOMPARE(policy.attempt(), int(expected.size()));
}

void TestPolicies::policyBackoffZero_data()
{
    policyBackoffGrows_data();
}

void TestPolicies::policyBackoffZero()
{
    QFETCH(QString, trigger);
    ReconnectPolicy policy(constant(0.0));
    for (int i = 0; i < 12; ++i) {
        const ReconnectPolicy::Decision decision = ::trigger(policy, trigger);
        QCOMPARE(decision.kind, Kind::Reconnect);
        QCOMPARE(decision.delayMs, qint64(0));
    }
}

void TestPolicies::policyFullJitterBounds_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<bool>("outOfRange");
    QTest::newRow("seed 1") << quint32(1) << false;
    QTest::newRow("seed 42") << quint32(42) << false;
    QTest::newRow("seed 2024") << quint32(2024) << false;
    // A broken random function (1, above 1, below 0, NaN) must not leave the window either.
    QTest::newRow("out of range values") << quint32(7) << true;
}

void TestPolicies::policyFullJitterBounds()
{
    QFETCH(quint32, seed);
    QFETCH(bool, outOfRange);
    QRandomGenerator generator(seed);
    const double odd[] = {1.0, 1.5, -0.25, std::numeric_limits<double>::quiet_NaN(), 1e300, -1e300};
    int oddIndex = 0;
    ReconnectPolicy policy([&] {
        if (outOfRange)
            return odd[oddIndex++ % int(std::size(odd))];
        return generator.generateDouble();
    });
    QSet<qint64> delays;
    for (int round = 0; round < 10; ++round) {
        for (int n = 0; n < 12; ++n) {
            const ReconnectPolicy::Decision decision = policy.networkError();
            QVERIFY2(decision.delayMs >= 0 && decision.delayMs <= window(n),
                     qPrintable(QStringLiteral("attempt %1: %2 ms").arg(n).arg(decision.delayMs)));
            QVERIFY(decision.delayMs <= 30000);
            delays.insert(decision.delayMs);
        }
        policy.connected();
    }
    // Jitter means spread: a generator that always gave the window would pass the bounds alone.
    if (!outOfRange)
        QVERIFY2(delays.size() > 50, qPrintable(QString::number(delays.size())));
}

void TestPolicies::policyRetryAfter_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("earlierAttempts");
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::addColumn<qint64>("expectedMs");
    QTest::newRow("backoff 0.5 s < 12 s") << almostOne << 0 << qint64(12000) << qint64(12000);
    QTest::newRow("no jitter delay < 12 s") << 0.0 << 0 << qint64(12000) << qint64(12000);
    QTest::newRow("backoff 4 s < 12 s") << almostOne << 3 << qint64(12000) << qint64(12000);
    QTest::newRow("backoff 16 s > 12 s") << almostOne << 5 << qint64(12000) << qint64(16000);
    QTest::newRow("Retry-After beyond the cap") << almostOne << 8 << qint64(45000) << qint64(45000);
}

void TestPolicies::policyRetryAfter()
{
    QFETCH(double, random);
    QFETCH(int, earlierAttempts);
    QFETCH(qint64, retryAfterMs);
    QFETCH(qint64, expectedMs);
    ReconnectPolicy policy(constant(random));
    for (int i = 0; i < earlierAttempts; ++i)
        policy.networkError();
    const ReconnectPolicy::Decision decision = policy.httpRefused(429, retryAfterMs);
    QCOMPARE(decision.kind, Kind::Reconnect);
    QVERIFY(decision.delayMs >= retryAfterMs);
    QCOMPARE(decision.delayMs, expectedMs);
}

void TestPolicies::policyConnectedResets()
{
    ReconnectPolicy policy(constant(almostOne));
    for (int i = 0; i < 5; ++i)
        policy.networkError();
    QCOMPARE(policy.attempt(), 5);
    QCOMPARE(policy.networkError().delayMs, qint64(16000));
    policy.connected();
    QCOMPARE(policy.attempt(), 0);
    QCOMPARE(policy.networkError().delayMs, qint64(500));
    QCOMPARE(policy.attempt(), 1);
}

void TestPolicies::policyRefreshOnce_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("networkErrorBetween");
    const QString expired = Close::TokenExpired.reasonText();
    const QString invalid = Close::InvalidToken.reasonText();
    QTest::newRow("expired, expired") << expired << expired << false;
    QTest::newRow("invalid, invalid") << invalid << invalid << false;
    QTest::newRow("expired, invalid") << expired << invalid << false;
    QTest::newRow("invalid, expired") << invalid << expired << false;
    QTest::newRow("expired, network error, expired") << expired << expired << true;
}

void TestPolicies::policyRefreshOnce()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, networkErrorBetween);
    ReconnectPolicy policy(constant(0.5));

    ReconnectPolicy::Decision decision = policy.closed(1008, first);
    QCOMPARE(decision.kind, Kind::RefreshThenReconnect);
    QVERIFY(!decision.why.isEmpty());
    if (networkErrorBetween)
        QCOMPARE(policy.networkError().kind, Kind::Reconnect);

    // The refreshed token did not help and no welcome came: the user must sign in.
    decision = policy.closed(1008, second);
    QCOMPARE(decision.kind, Kind::SignIn);
    QVERIFY(!decision.why.isEmpty());

    // A welcome in between starts over: one refresh is allowed again.
    policy.connected();
    QCOMPARE(policy.closed(1008, first).kind, Kind::RefreshThenReconnect);
    policy.connected();
    QCOMPARE(policy.closed(1008, second).kind, Kind::RefreshThenReconnect);
}

void TestPolicies::policyHttpRefused_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::addColumn<Kind>("kind");
    QTest::newRow("429 Retry-After 12 s") << 429 << qint64(12000) << Kind::Reconnect;
    QTest::newRow("429 no Retry-After") << 429 << qint64(0) << Kind::Reconnect;
    QTest::newRow("403 origin") << 403 << qint64(0) << Kind::Stop;
    QTest::newRow("401") << 401 << qint64(0) << Kind::SignIn;
    QTest::newRow("503 Retry-After 5 s") << 503 << qint64(5000) << Kind::Reconnect;
    QTest::newRow("400") << 400 << qint64(0) << Kind::Stop;
    QTest::newRow("404") << 404 << qint64(0) << Kind::Stop;
    QTest::newRow("431") << 431 << qint64(0) << Kind::Stop;
}

void TestPolicies::policyHttpRefused()
{
    QFETCH(int, status);
    QFETCH(qint64, retryAfterMs);
    QFETCH(Kind, kind);
    ReconnectPolicy policy(constant(0.0));
    const ReconnectPolicy::Decision decision = policy.httpRefused(status, retryAfterMs);
    QCOMPARE(decision.kind, kind);
    QVERIFY(!decision.why.trimmed().isEmpty());
    if (kind == Kind::Reconnect) {
        QCOMPARE(decision.delayMs, retryAfterMs);
        QCOMPARE(policy.attempt(), 1);
    } else {
        QCOMPARE(policy.attempt(), 0);
    }
}

void TestPolicies::policyDefaultRandom()
{
    ReconnectPolicy policy;
    for (int n = 0; n < 10; ++n) {
        const qint64 delay = policy.networkError().delayMs;
        QVERIFY2(delay >= 0 && delay <= window(n), qPrintable(QString::number(delay)));
    }
}

// --- RefreshScheduler ---------------------------------------------------------

void TestPolicies::refreshAt_data()
{
    QTest::addColumn<qint64>("lifetimeSec");
    QTest::addColumn<double>("jitter");
    QTest::addColumn<qint64>("expectedAfterIssueMs");
    QTest::newRow("900 s, no jitter: lead 180 s") << qint64(900) << 0.0 << qint64(720000);
    QTest::newRow("900 s, jitter +1: lead 198 s") << qint64(900) << 1.0 << qint64(702000);
    QTest::newRow("900 s, jitter -1: lead 162 s") << qint64(900) << -1.0 << qint64(738000);
    QTest::newRow("900 s, jitter +0.5: lead 189 s") << qint64(900) << 0.5 << qint64(711000);
    QTest::newRow("8 h, no jitter: lead capped at 300 s") << qint64(8 * 3600) << 0.0 << qint64(8 * 3600 - 300) * 1000;
    QTest::newRow("8 h, jitter +1: lead 330 s") << qint64(8 * 3600) << 1.0 << qint64(8 * 3600 - 330) * 1000;
    QTest::newRow("8 h, jitter -1: lead 270 s") << qint64(8 * 3600) << -1.0 << qint64(8 * 3600 - 270) * 1000;
    QTest::newRow("1500 s: 20 % is exactly 300 s") << qint64(1500) << 0.0 << qint64(1200000);
    QTest::newRow("1 h: lead capped at 300 s") << qint64(3600) << 0.0 << qint64(3300000);
    QTest::newRow("60 s: lead 12 s") << qint64(60) << 0.0 << qint64(48000);
}

void TestPolicies::refreshAt()
{
    QFETCH(qint64, lifetimeSec);
    QFETCH(double, jitter);
    QFETCH(qint64, expectedAfterIssueMs);
    QCOMPARE(RefreshScheduler::refreshAtMs(issuedAt, issuedAt + lifetimeSec, jitter),
             issuedAt * 1000 + expectedAfterIssueMs);
}

void TestPolicies::schedulerJitterFromRandom_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<qint64>("expectedAfterIssueMs");
    QTest::newRow("0 -> jitter -1") << 0.0 << qint64(738000);
    QTest::newRow("0.5 -> no jitter") << 0.5 << qint64(720000);
    QTest::newRow("0.75 -> jitter +0.5") << 0.75 << qint64(711000);
    QTest::newRow("almost 1 -> jitter +1") << almostOne << qint64(702000);
}

void TestPolicies::schedulerJitterFromRandom()
{
    QFETCH(double, random);
    QFETCH(qint64, expectedAfterIssueMs);
    SignalGate::ManualClock clock;
    clock.setWallMs(issuedAt * 1000);
    RefreshScheduler scheduler(clock, constant(random));
    scheduler.setToken(issuedAt, issuedAt + 900);
    QCOMPARE(scheduler.nextRefreshAtMs(), issuedAt * 1000 + expectedAfterIssueMs);
}

void TestPolicies::schedulerPollAroundRefreshTime_data()
{
    QTest::addColumn<qint64>("offsetMs");
    QTest::addColumn<int>("expectedDue");
    QTest::newRow("1 ms before") << qint64(-1) << 0;
    QTest::newRow("1 min before") << qint64(-60000) << 0;
    QTest::newRow("exactly at") << qint64(0) << 1;
    QTest::newRow("1 ms after") << qint64(1) << 1;
    QTest::newRow("1 min after") << qint64(60000) << 1;
}

void TestPolicies::schedulerPollAroundRefreshTime()
{
    QFETCH(qint64, offsetMs);
    QFETCH(int, expectedDue);
    SignalGate::ManualClock clock;
    clock.setWallMs(issuedAt * 1000);
    RefreshScheduler scheduler(clock, constant(0.5));
    QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
    QSignalSpy gaveUp(&scheduler, &RefreshScheduler::gaveUp);
    scheduler.setToken(issuedAt, issuedAt + 900);
    const qint64 at = scheduler.nextRefreshAtMs();
    QCOMPARE(at, issuedAt * 1000 + 720000);

    clock.setWallMs(at + offsetMs);   // a jump re-evaluates at once: no poll() needed
    QCOMPARE(due.count(), expectedDue);
    // Announced once per scheduled time, however often the clock is asked.
    scheduler.poll();
    scheduler.poll();
    QCOMPARE(due.count(), expectedDue);
    QCOMPARE(scheduler.nextRefreshAtMs(), expectedDue ? 0 : at);
    QCOMPARE(gaveUp.count(), 0);
}

void TestPolicies::schedulerPastRefreshTimeIsDueAtOnce()
{
    // A token handed over late (e.g. after a suspend): its refresh time has passed.
    SignalGate::ManualClock clock;
    clock.setWallMs((issuedAt + 800) * 1000);
    RefreshScheduler scheduler(clock, constant(0.5));
    QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
    scheduler.setToken(issuedAt, issuedAt + 900);
    QCOMPARE(due.count(), 0);   // not from inside setToken: the caller may not be ready
    scheduler.poll();
    QCOMPARE(due.count(), 1);
}

void TestPolicies::schedulerTimerCallsPoll()
{
    // Nobody calls poll() here: the scheduler's own timer (armed at 0 ms because
    // the time has passed) must. Waits on the condition, not a fixed time.
    SignalGate::ManualClock clock;
    clock.setWallMs((issuedAt + 800) * 1000);
    RefreshScheduler scheduler(clock, constant(0.5));
    QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
    scheduler.setToken(issuedAt, issuedAt + 900);
    QTRY_COMPARE(due.count(), 1);
}

void TestPolicies::schedulerFailureBackoff_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("expectedDelayMs");
    QTest::newRow("1st failure: 1 s") << 1 << qint64(1000);
    QTest::newRow("2nd failure: 2 s") << 2 << qint64(2000);
    QTest::newRow("3rd failure: 4 s") << 3 << qint64(4000);
    QTest::newRow("4th failure: 8 s") << 4 << qint64(8000);
    QTest::newRow("6th failure: 32 s") << 6 << qint64(32000);
    QTest::newRow("7th failure: capped at 60 s") << 7 << qint64(60000);
    QTest::newRow("8th failure: capped at 60 s") << 8 << qint64(60000);
}

void TestPolicies::schedulerFailureBackoff()
{
    QFETCH(int, failures);
    QFETCH(qint64, expectedDelayMs);
    // 8 h token: 300 s before exp leaves room for 1+2+...+32+60+60 s of retries.
    SignalGate::ManualClock clock;
    clock.setWallMs(issuedAt * 1000);
    RefreshScheduler scheduler(clock, constant(0.5));
    QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
    QSignalSpy gaveUp(&scheduler, &RefreshScheduler::gaveUp);
    scheduler.setToken(issuedAt, issuedAt + 8 * 3600);

    qint64 delay = -1;
    for (int i = 0; i < failures; ++i) {
        clock.setWallMs(scheduler.nextRefreshAtMs());
        scheduler.poll();
        QCOMPARE(due.count(), i + 1);
        scheduler.refreshFailed();
        delay = scheduler.nextRefreshAtMs() - clock.wallMs();
    }
    QCOMPARE(delay, expectedDelayMs);
    QCOMPARE(gaveUp.count(), 0);

    // The retry is due at its time, not before.
    clock.setWallMs(scheduler.nextRefreshAtMs() - 1);
    scheduler.poll();
    QCOMPARE(due.count(), failures);
    clock.advance(1);
    scheduler.poll();
    QCOMPARE(due.count(), failures + 1);
}

void TestPolicies::schedulerFailureNearExpiry_data()
{
    QTest::addColumn<int>("earlierFailures");
    QTest::addColumn<qint64>("leftBeforeExpMs");
    QTest::addColumn<qint64>("expectedNextBeforeExpMs");
    QTest::newRow("31 s left, retry in 1 s fits") << 0 << qint64(31000) << qint64(30000);
    QTest::newRow("100 s left, retry in 1 s") << 0 << qint64(100000) << qint64(99000);
    QTest::newRow("30.5 s left, retry in 1 s: at exp - 30 s") << 0 << qint64(30500) << qint64(30000);
    QTest::newRow("33 s left, retry in 4 s: at exp - 30 s") << 2 << qint64(33000) << qint64(30000);
    QTest::newRow("60 s left, retry in 32 s: at exp - 30 s") << 5 << qint64(60000) << qint64(30000);
}

void TestPolicies::schedulerFailureNearExpiry()
{
    QFETCH(int, earlierFailures);
    QFETCH(qint64, leftBeforeExpMs);
    QFETCH(qint64, expectedNextBeforeExpMs);
    const qint64 expMs = (issuedAt + 900) * 1000;
    SignalGate::ManualClock clock;
    clock.setWallMs(issuedAt * 1000);
    RefreshScheduler scheduler(clock, constant(0.5));
    QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
    QSignalSpy gaveUp(&scheduler, &RefreshScheduler::gaveUp);
    scheduler.setToken(issuedAt, issuedAt + 900);
    for (int i = 0; i < earlierFailures; ++i) {
        clock.setWallMs(scheduler.nextRefreshAtMs());
        scheduler.poll();
        scheduler.refreshFailed();
    }
    QCOMPARE(gaveUp.count(), 0);

    clock.setWallMs(expMs - leftBeforeExpMs);
    scheduler.poll();
    scheduler.refreshFailed();
    QCOMPARE(gaveUp.count(), 0);
    QCOMPARE(scheduler.nextRefreshAtMs(), expMs - expectedNextBeforeExpMs);

    // That retry runs; if it fails too and exp - 30 s has come, it gives up.
    const int dueBefore = int(due.count());
    clock.setWallMs(scheduler.nextRefreshAtMs());
    scheduler.poll();
    QCOMPARE(due.count(), dueBefore + 1);
    if (expectedNextBeforeExpMs == 30000) {
        scheduler.refreshFailed();
        QCOMPARE(gaveUp.count(), 1);
        QCOMPARE(scheduler.nextRefreshAtMs(), 0);
    }
}

void TestPolicies::schedulerGivesUp_data()
{
    QTest::addColumn<qint64>("leftBeforeExpMs");
    QTest::addColumn<bool>("givesUp");
    QTest::newRow("30.001 s left: one last try") << qint64(30001) << false;
    QTest::newRow("exactly 30 s left") << qint64(30000) << true;
    QTest::newRow("10 s left") << qint64(10000) << true;
    QTest::newRow("already expired") << qint64(-5000) << true;
}

void TestPolicies::schedulerGivesUp()
{
    QFETCH(qint64, leftBeforeExpMs);
    QFETCH(bool, givesUp);
    const qint64 expMs = (issuedAt + 900) * 1000;
    SignalGate::ManualClock clock;
    clock.setWallMs(issuedAt * 1000);
    RefreshScheduler scheduler(clock, constant(0.5));
    QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
    QSignalSpy gaveUp(&scheduler, &RefreshScheduler::gaveUp);
    scheduler.setToken(issuedAt, issuedAt + 900);

    clock.setWallMs(expMs - leftBeforeExpMs);
    scheduler.poll();
    QCOMPARE(due.count(), 1);
    scheduler.refreshFailed();
    QCOMPARE(gaveUp.count(), givesUp ? 1 : 0);
    if (givesUp) {
        QCOMPARE(scheduler.nextRefreshAtMs(), 0);
        // Nothing is due any more, however late it gets.
        clock.setWallMs(expMs + 3600 * 1000);
        scheduler.poll();
        QCOMPARE(due.count(), 1);
    } else {
        QCOMPARE(scheduler.nextRefreshAtMs(), expMs - 30000);
    }
}

void TestPolicies::schedulerSetTokenResetsFailures()
{
    SignalGate::ManualClock clock;
    clock.setWallMs(issuedAt * 1000);
    RefreshScheduler scheduler(clock, constant(0.5));
    QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
    scheduler.setToken(issuedAt, issuedAt + 900);
    for (int i = 0; i < 3; ++i) {
        clock.setWallMs(scheduler.nextRefreshAtMs());
        scheduler.poll();
        scheduler.refreshFailed();
    }
    QCOMPARE(scheduler.nextRefreshAtMs() - clock.wallMs(), qint64(4000));

    // The 4th try succeeds: a new token, issued now.
    clock.setWallMs(scheduler.nextRefreshAtMs());
    scheduler.poll();
    QCOMPARE(due.count(), 4);
    const qint64 newIssuedAt = clock.wallMs() / 1000;
    scheduler.setToken(newIssuedAt, newIssuedAt + 900);
    QCOMPARE(scheduler.nextRefreshAtMs(), (newIssuedAt + 720) * 1000);

    clock.setWallMs(scheduler.nextRefreshAtMs());
    scheduler.poll();
    scheduler.refreshFailed();
    QCOMPARE(scheduler.nextRefreshAtMs() - clock.wallMs(), qint64(1000));
}

void TestPolicies::schedulerClearStops()
{
    SignalGate::ManualClock clock;
    clock.setWallMs(issuedAt * 1000);
    RefreshScheduler scheduler(clock, constant(0.5));
    QSignalSpy due(&scheduler, &RefreshScheduler::refreshDue);
    QSignalSpy gaveUp(&scheduler, &RefreshScheduler::gaveUp);
    scheduler.setToken(issuedAt, issuedAt + 900);
    QVERIFY(scheduler.nextRefreshAtMs() != 0);

    scheduler.clear();
    QCOMPARE(scheduler.nextRefreshAtMs(), 0);
    clock.setWallMs((issuedAt + 890) * 1000);
    scheduler.poll();
    scheduler.refreshFailed();   // a late answer of a request sent before clear()
    scheduler.poll();
    QCOMPARE(due.count(), 0);
    QCOMPARE(gaveUp.count(), 0);
    QCOMPARE(scheduler.nextRefreshAtMs(), 0);

    // And it can start again with the next sign-in.
    scheduler.setToken(issuedAt + 890, issuedAt + 1790);
    QCOMPARE(scheduler.nextRefreshAtMs(), (issuedAt + 890 + 720) * 1000);
}

// --- TokenClaims --------------------------------------------------------------

void TestPolicies::claimsDecode()
{
    const QJsonObject payload{{QStringLiteral("iss"), QStringLiteral("signalgate")},
                              {QStringLiteral("aud"), QStringLiteral("signalgate-clients")},
                              {QStringLiteral("sub"), QStringLiteral("demo")},
                              {QStringLiteral("iat"), issuedAt},
                              {QStringLiteral("exp"), issuedAt + 900},
                              {QStringLiteral("jti"), QStringLiteral("4f1c2a")},
                              {QStringLiteral("scope"), QStringLiteral("signals:read")}};
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(token(validHeader, jsonSegment(payload)));
    QVERIFY(claims);
    QCOMPARE(claims->subject, QStringLiteral("demo"));
    QCOMPARE(claims->issuedAt, issuedAt);
    QCOMPARE(claims->expiresAt, issuedAt + 900);
    QCOMPARE(claims->header.value(QStringLiteral("typ")).toString(), QStringLiteral("at+jwt"));
    QCOMPARE(claims->header.value(QStringLiteral("alg")).toString(), QStringLiteral("HS256"));
    QCOMPARE(claims->payload, payload);
}

void TestPolicies::claimsMissingTimes()
{
    const std::optional<TokenClaims> claims = TokenClaims::decodeUnverified(
            token(validHeader, jsonSegment({{QStringLiteral("jti"), QStringLiteral("x")}})));
    QVERIFY(claims);
    QCOMPARE(claims->issuedAt, qint64(0));
    QCOMPARE(claims->expiresAt, qint64(0));
    QVERIFY(claims->subject.isEmpty());
}

void TestPolicies::claimsReject_data()
{
    QTest::addColumn<QByteArray>("token");
    const QByteArray payload = jsonSegment({{QStringLiteral("sub"), QStringLiteral("demo")},
                                            {QStringLiteral("exp"), issuedAt + 900},
                                            {QStringLiteral("iat"), issuedAt}});
    const QByteArray good = token(validHeader, payload);
    QVERIFY(TokenClaims::decodeUnverified(good));   // the rows below differ from a good token in one way

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("2 segments") << QByteArray(validHeader + '.' + payload);
    QTest::newRow("4 segments") << QByteArray(good + '.' + fakeSignature);
    QTest::newRow("empty header") << QByteArray('.' + payload + '.' + fakeSignature);
    QTest::newRow("empty payload") << QByteArray(validHeader + ".." + fakeSignature);
    QTest::newRow("bad base64 character") << token(validHeader, QByteArray(payload).insert(4, '*'));
    QTest::newRow("standard base64 alphabet")
            << token(validHeader, QByteArray("eyJzdWIiOiI+Pz8/In0"));   // {"sub":">???"} has + and /
    QTest::newRow("padding") << token(validHeader, payload + "==");
    QTest::newRow("whitespace") << QByteArray(" " + good);
    QTest::newRow("bad character in signature") << QByteArray(good + '!');
    QTest::newRow("header not JSON") << token(base64Url("not json"), payload);
    QTest::newRow("payload not JSON") << token(validHeader, base64Url("{\"sub\":"));
    QTest::newRow("payload JSON array") << token(validHeader, base64Url("[1,2,3]"));
    QTest::newRow("payload JSON string") << token(validHeader, base64Url("\"demo\""));
    QTest::newRow("exp is a string") << token(validHeader,
                                              jsonSegment({{QStringLiteral("exp"), QStringLiteral("1700000900")}}));
    QTest::newRow("iat is an object") << token(validHeader, jsonSegment({{QStringLiteral("iat"), QJsonObject()}}));
    QTest::newRow("exp is huge") << token(validHeader, base64Url("{\"exp\":1e300}"));
    QTest::newRow("exp is negative") << token(validHeader, base64Url("{\"exp\":-5}"));
    QTest::newRow("sub is a number") << token(validHeader, jsonSegment({{QStringLiteral("sub"), 42}}));
}

void TestPolicies::claimsReject()
{
    QFETCH(QByteArray, token);
    QVERIFY(!TokenClaims::decodeUnverified(token));
}

QTEST_GUILESS_MAIN(TestPolicies)
#include "tst_policies.moc"
