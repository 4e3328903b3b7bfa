// AddressKey: the key of every per-IP limit (PROTOCOL.md section 10.1). A
// host that owns a whole IPv6 /64 gets one budget, not 2^64 of them.
#include "addresskey.h"

#include <QTest>

using namespace SignalGate::Server;

class TestAddressKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameOrDifferentKey_data();
    void sameOrDifferentKey();
};

void TestAddressKey::sameOrDifferentKey_data()
{
    QTest::addColumn<int>("prefix");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("one /64, two hosts") << 64 << "2001:db8:1:2::1"
                                        << "2001:db8:1:2:ffff:ffff:ffff:ffff" << true;
    QTest::newRow("neighbouring /64s") << 64 << "2001:db8:1:2::1"
                                       << "2001:db8:1:3::1" << false;
    QTest::newRow("/48 joins them") << 48 << "2001:db8:1:2::1"
                                    << "2001:db8:1:3::1" << true;
    QTest::newRow("/60 cuts inside a byte") << 60 << "2001:db8:1:20::1"
                                            << "2001:db8:1:2f::1" << true;
    QTest::newRow("/60 boundary") << 60 << "2001:db8:1:20::1"
                                  << "2001:db8:1:30::1" << false;
    QTest::newRow("/128 is the address") << 128 << "2001:db8::1"
                                         << "2001:db8::2" << false;
    QTest::newRow("IPv4 is the address") << 64 << "127.0.0.1"
                                         << "127.0.0.2" << false;
    QTest::newRow("IPv4-mapped is IPv4") << 64 << "::ffff:127.0.0.1"
                                         << "127.0.0.1" << true;
    QTest::newRow("IPv4-mapped keeps hosts apart") << 64 << "::ffff:127.0.0.1"
                                                   << "::ffff:127.0.0.2" << false;
}

void TestAddressKey::sameOrDifferentKey()
{
    QFETCH(int, prefix);
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    const AddressKey key(prefix);
    QCOMPARE(key(QHostAddress(a)) == key(QHostAddress(b)), same);
}

QTEST_GUILESS_MAIN(TestAddressKey)
#include "tst_addresskey.moc"
