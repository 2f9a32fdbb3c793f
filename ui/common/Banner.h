#pragma once
// A coloured message strip for things the user must read where they happen: "nothing was
// changed", errors with their statement and file:line, data-loss warnings.

#include "Theme.h"
#include "util/Result.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace strata {

class Banner : public QFrame {
    Q_OBJECT
public:
    explicit Banner(QWidget *parent = nullptr);

    void setMessage(theme::Tone tone, const QString &title, const QString &bodyHtml = {});
    // An error: what failed, where (a link "file:line"), the statement and the driver's words.
    void setError(const Error &error, const QString &title = {});
    void setClosable(bool closable);
    QString title() const;
    QString body() const;

    // "file:line" of an error's location, as passed in the link.
    static QString errorHtml(const Error &error);

signals:
    void locationActivated(const QString &file, int line);
    // Any other link in the body (e.g. "report:run"), for the owner to act on.
    void linkActivated(const QString &link);
    void dismissed();

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void applyTone();

    theme::Tone m_tone = theme::Tone::Info;
    QLabel *m_icon = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_body = nullptr;
    QToolButton *m_close = nullptr;
};

} // namespace strata
