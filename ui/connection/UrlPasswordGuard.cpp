#include "UrlPasswordGuard.h"

#include "SessionCredentials.h"
#include "connection/ConnectionSpec.h"

#include <QLineEdit>
#include <QTimer>

namespace strata {

UrlPasswordGuard::UrlPasswordGuard(QLineEdit *edit, Take take)
    : QObject(edit), m_edit(edit), m_take(std::move(take))
{
    connect(edit, &QLineEdit::textChanged, this, [this](const QString &text) {
        const bool pasted = text.size() > m_previousLength + 1; // more than one key's worth
        m_previousLength = text.size();
        if (pasted && !m_rewriting)
            QTimer::singleShot(0, this, &UrlPasswordGuard::strip);
    });
    connect(edit, &QLineEdit::editingFinished, this, &UrlPasswordGuard::strip);
}

bool UrlPasswordGuard::strip()
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty())
        return false;
    auto parsed = ConnectionSpec::parse(text);
    if (!parsed || parsed->engine != Engine::Postgres)
        return false;
    const QString password = SessionCredentials::passwordOf(*parsed);
    if (password.isEmpty())
        return false;
    // The owner takes the password before the field changes: its textChanged handlers then
    // see the URL without it and the password already in place.
    m_take(password);
    m_rewriting = true;
    m_edit->setText(SessionCredentials::withoutPassword(*parsed).displayUrl());
    m_edit->setCursorPosition(0);
    m_rewriting = false;
    return true;
}

} // namespace strata
