#include "Banner.h"

#include "Format.h"
#include "Icons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace strata {

Banner::Banner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("banner"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 8, 8);
    layout->setSpacing(10);
    m_icon = new QLabel(this);
    m_icon->setAlignment(Qt::AlignTop);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setWeight(QFont::DemiBold);
    m_title->setFont(bold);
    m_body = new QLabel(this);
    m_body->setWordWrap(true);
    m_body->setTextFormat(Qt::RichText);
    m_body->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_body, &QLabel::linkActivated, this, [this](const QString &link) {
        const QUrl url(link);
        if (url.scheme() != QLatin1String("location")) {
            emit linkActivated(link);
            return;
        }
        const QString target = url.path();
        const int colon = int(target.lastIndexOf(u':'));
        emit locationActivated(target.left(colon), target.mid(colon + 1).toInt());
    });
    text->addWidget(m_title);
    text->addWidget(m_body);
    layout->addLayout(text, 1);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Dismiss"));
    m_close->hide();
    connect(m_close, &QToolButton::clicked, this, &Banner::dismissed);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    applyTone();
}

void Banner::setMessage(theme::Tone tone, const QString &title, const QString &bodyHtml)
{
    m_tone = tone;
    m_title->setText(title);
    m_body->setText(bodyHtml);
    m_body->setVisible(!bodyHtml.isEmpty());
    applyTone();
}

void Banner::setError(const Error &error, const QString &title)
{
    setMessage(theme::Tone::Danger, title.isEmpty() ? error.message : title, errorHtml(error));
}

void Banner::setClosable(bool closable)
{
    m_close->setVisible(closable);
}

QString Banner::title() const
{
    return m_title->text();
}

QString Banner::body() const
{
    return m_body->text();
}

QString Banner::errorHtml(const Error &error)
{
    QStringList parts;
    if (!error.location().isEmpty()) {
        parts << tr("At <a href=\"location:%1\">%2</a>")
                     .arg(QString::fromUtf8(QUrl::toPercentEncoding(error.location(), "/:")),
                          format::displayPath(error.location()).toHtmlEscaped());
    }
    if (!error.statement.isEmpty()) {
        QString statement = error.statement.trimmed();
        if (statement.size() > 400)
            statement = statement.left(400) + QStringLiteral(" …");
        parts << QStringLiteral("<code style='white-space:pre-wrap'>%1</code>")
                     .arg(statement.toHtmlEscaped());
    }
    if (!error.driverMessage.isEmpty())
        parts << tr("The database said: %1").arg(error.driverMessage.trimmed().toHtmlEscaped());
    return parts.join(QStringLiteral("<br>"));
}

void Banner::paintEvent(QPaintEvent *)
{
    const QPalette pal = palette();
    const QColor accent = theme::tone(m_tone, pal);
    const QColor background = theme::toneBackground(m_tone, pal);
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(theme::mix(background, accent, 0.45), 1));
    p.setBrush(background);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    p.fillRect(QRectF(0.5, 3, 3, height() - 6), accent);
}

void Banner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTone();
}

void Banner::applyTone()
{
    const QPalette pal = palette();
    const QColor accent = theme::tone(m_tone, pal);
    icons::Name name = icons::Name::Info;
    switch (m_tone) {
    case theme::Tone::Success:
        name = icons::Name::Check;
        break;
    case theme::Tone::Warning:
        name = icons::Name::Warning;
        break;
    case theme::Tone::Danger:
        name = icons::Name::Error;
        break;
    default:
        break;
    }
    m_icon->setPixmap(icons::pixmap(name, accent, 20, devicePixelRatioF()));
}

} // namespace strata
