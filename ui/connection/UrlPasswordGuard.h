#pragma once
// Keeps a password out of a URL field. When the URL in the field carries one
// (postgresql://user:secret@host/db or ?password=secret), the guard hands it to its owner
// (a password field, a connection kept in memory) and the field shows the URL without it:
// at once when the URL was pasted; when the user leaves the field when it is being typed
// (rewriting the text under the cursor would be worse).

#include <QObject>
#include <functional>

class QLineEdit;

namespace strata {

class UrlPasswordGuard : public QObject {
    Q_OBJECT
public:
    using Take = std::function<void(const QString &password)>;

    // Watches `edit` (and is deleted with it).
    UrlPasswordGuard(QLineEdit *edit, Take take);

    // Moves the password out now, if the field's URL has one; true if it did.
    bool strip();

private:
    QLineEdit *m_edit;
    Take m_take;
    qsizetype m_previousLength = 0;
    bool m_rewriting = false;
};

} // namespace strata
