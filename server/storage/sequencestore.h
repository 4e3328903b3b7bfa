#pragma once

#include <QtGlobal>

namespace SignalGate::Server {

class Database;

// Keeps the server-wide signal seq rising across restarts (PROTOCOL.md
// section 5), so a client that resumes after a restart is not handed seqs it
// has already seen. A clean stop records the exact last seq and the next run
// continues from it. Seqs are also reserved in blocks ahead of use (one write
// per block), so after a crash the next run starts above anything that may
// have been sent: a jump in seq, never a repeat.
class SequenceStore
{
public:
    static constexpr quint64 BlockSize = 100000;

    explicit SequenceStore(Database &database);

    // The last seq of the previous run (0 for a new data dir). Clears the
    // clean-stop mark, so a crash of this run is recognised next time.
    quint64 start();
    // Called when the seq is about to pass what is reserved; returns the new limit.
    quint64 reserveFrom(quint64 lastSeq);
    void recordCleanStop(quint64 lastSeq);

private:
    bool write(const char *key, quint64 value);
    bool read(const char *key, quint64 *value) const;
    void remove(const char *key);

    Database &m_database;
};

}   // namespace SignalGate::Server
