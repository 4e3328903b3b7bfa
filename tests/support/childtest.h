#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Runs one test function of a test class in a child process and fails the
// calling test unless that function ran and passed there: for what a process
// decides once (QtKeychain's backend, libsecret's bus) and must differ from
// the parent's. The child is this binary (or a wrapper that execs it) with
// the environment given; passLine is "TestClass::function".
namespace ChildTest {

void run(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
         const QByteArray &passLine, int timeoutMs = 120000);

}   // namespace ChildTest
