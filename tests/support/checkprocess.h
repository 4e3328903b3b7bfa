#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// signalgate-check, the real executable (issues 6 and 11): one run with its
// exit code (-1 when it crashed or hung) and both outputs.
struct CheckRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CheckRun runCheck(const QStringList &arguments, const QByteArray &input = "demo\n", int timeoutMs = 90000);
// Any program run the same way (signalgate-server's subcommands).
CheckRun runProgram(const QString &program, const QStringList &arguments, const QByteArray &input = {},
                    int timeoutMs = 90000);
QByteArray readFile(const QString &path);
// Anything shaped like a token (a JWS starts with base64url "{"), a token=
// value, or the password; *what is the start of it.
bool containsSecret(const QByteArray &text, QString *what);
