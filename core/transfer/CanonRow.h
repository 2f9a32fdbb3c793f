#pragma once
// One row's canonical form for the content checksum (Verifier.h), built field by field by the
// value encoders while they write the row's COPY data.

#include "transfer/ByteAppend.h"
#include "transfer/CopyText.h"
#include <QByteArray>

namespace strata::transfer {

// How rows are hashed for the checksum, best first (Verifier.h explains each).
enum class RowHash {
    PgRecord, // hash_record_extended over typed values: no text is rendered on either side
    PgHash,   // hashtextextended over the record text ROW(...)::text
    Md5       // md5 over the record text
};

class CanonRow {
public:
    explicit CanonRow(RowHash hash) : m_elements(hash == RowHash::PgRecord) {}
    // PgRecord: the encoders give each element's hash; else the record text's fields.
    bool hashesElements() const { return m_elements; }

    void begin()
    {
        m_hash = 0;
        m_fields = 0;
        if (!m_elements) {
            m_text.truncate(0);
            appendRaw(m_text, '(');
        }
    }
    // PgRecord: the next element's hash (0 for NULL), combined as hash_record_extended does.
    void element(quint64 hash) { m_hash = (m_hash << 5) - m_hash + hash; }
    // Record text: the next field, quoted as record_out does; NULL is an empty field.
    void field(QByteArrayView value)
    {
        if (m_fields++)
            appendRaw(m_text, ',');
        appendRecordField(m_text, value);
    }
    void nullField()
    {
        if (m_fields++)
            appendRaw(m_text, ',');
    }
    void end()
    {
        if (!m_elements)
            appendRaw(m_text, ')');
    }

    quint64 hash() const { return m_hash; }        // PgRecord
    QByteArrayView text() const { return m_text; } // record text

private:
    bool m_elements;
    quint64 m_hash = 0;
    int m_fields = 0;
    QByteArray m_text;
};

} // namespace strata::transfer
