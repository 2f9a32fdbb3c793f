#include "ReadinessDialog.h"

#include "ReadinessWorker.h"
#include "check/ReadinessText.h"
#include "common/Banner.h"
#include "connection/SessionCredentials.h"
#include "connection/UrlPasswordGuard.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace strata {

ReadinessDialog::ReadinessDialog(const QString &migrationsFolder, QWidget *parent)
    : QDialog(parent), m_folder(migrationsFolder)
{
    registerReadinessMetatypes();
    setWindowTitle(tr("Check PostgreSQL Readiness — Strata"));
    auto *intro = new QLabel(
        tr("Replays every migration of <b>%1</b>, up and undo, on a throwaway database on this "
           "PostgreSQL server (dropped afterwards) and on a throwaway SQLite. The timeline then "
           "shows each version's readiness.")
            .arg(QDir::toNativeSeparators(migrationsFolder).toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    url = new QLineEdit(this);
    url->setObjectName(QStringLiteral("readinessUrl"));
    url->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/postgres"));
    password = new QLineEdit(this);
    password->setObjectName(QStringLiteral("readinessPassword"));
    password->setEchoMode(QLineEdit::Password);
    password->setPlaceholderText(tr("only if the server asks for one"));
    new UrlPasswordGuard(url, [this](const QString &secret) { password->setText(secret); });
    check = new QPushButton(tr("&Check"), this);
    check->setObjectName(QStringLiteral("startReadiness"));
    check->setDefault(true);
    cancel = new QPushButton(tr("Cancel Check"), this);
    cancel->setObjectName(QStringLiteral("cancelReadiness"));
    cancel->setEnabled(false);
    closeButton = new QPushButton(tr("Close"), this);
    progress = new QProgressBar(this);
    progress->setRange(0, 1);
    progress->setValue(0);
    status = new QLabel(this);
    status->setWordWrap(true);
    banner = new Banner(this);
    banner->hide();
    auto *form = new QFormLayout;
    form->addRow(tr("PostgreSQL server:"), url);
    form->addRow(tr("Password:"), password);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(progress, 1);
    buttons->addWidget(check);
    buttons->addWidget(cancel);
    buttons->addWidget(closeButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(status);
    layout->addWidget(banner);
    layout->addStretch(1);
    resize(640, 300);

    const QString last = QSettings().value(lastServerKey()).toString();
    if (!last.isEmpty())
        url->setText(last);

    m_thread.setObjectName(QStringLiteral("strata-readiness"));
    m_worker = new ReadinessWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ReadinessWorker::progressed, this,
            [this](int done, int total, const QString &label) {
                progress->setRange(0, std::max(total, 1));
                progress->setValue(done);
                status->setText(tr("Checking %1 (%2 of %3)…").arg(label).arg(done).arg(total));
            });
    connect(m_worker, &ReadinessWorker::checked, this, &ReadinessDialog::onChecked);
    connect(m_worker, &ReadinessWorker::failed, this, &ReadinessDialog::onFailed);
    m_thread.start();

    connect(check, &QPushButton::clicked, this, &ReadinessDialog::start);
    connect(cancel, &QPushButton::clicked, this, [this] {
        cancel->setEnabled(false);
        status->setText(tr("Cancelling; the throwaway database is dropped…"));
        m_worker->cancel(); // direct: the flag is atomic
    });
    connect(closeButton, &QPushButton::clicked, this, &ReadinessDialog::reject);
}

ReadinessDialog::~ReadinessDialog()
{
    m_worker->cancel();
    m_thread.quit();
    m_thread.wait(); // the check stops at its next step and drops its scratch database
}

QString ReadinessDialog::lastServerKey()
{
    return QStringLiteral("readiness/lastServer");
}

Result<ConnectionSpec> ReadinessDialog::server() const
{
    const QString text = url->text().trimmed();
    if (text.isEmpty())
        return Error::usage(tr("Name the PostgreSQL server to check against."));
    auto parsed = ConnectionSpec::parse(text);
    if (!parsed)
        return parsed.error();
    if (parsed->engine != Engine::Postgres)
        return Error::usage(tr("The readiness check needs a PostgreSQL server."));
    ConnectionSpec out = *parsed;
    const QString inUrl = SessionCredentials::passwordOf(out);
    out = SessionCredentials::withoutPassword(out);
    out.password = !password->text().isEmpty() ? password->text() : inUrl;
    SessionCredentials::instance().fill(out);
    return out;
}

void ReadinessDialog::setServer(const ConnectionSpec &spec)
{
    url->setText(SessionCredentials::withoutPassword(spec).displayUrl());
    password->setText(SessionCredentials::passwordOf(spec));
}

void ReadinessDialog::start()
{
    if (m_running)
        return;
    auto spec = server();
    if (!spec) {
        banner->setError(spec.error(), spec.error().message);
        banner->show();
        return;
    }
    banner->hide();
    m_running = true;
    m_started = *spec;
    m_result.reset();
    check->setEnabled(false);
    cancel->setEnabled(true);
    progress->setRange(0, 0);
    status->setText(tr("Connecting to %1…").arg(spec->displayUrl()));
    m_worker->resetCancel();
    ReadinessWorker *w = m_worker;
    const QString folder = m_folder;
    const ConnectionSpec pg = *spec;
    QMetaObject::invokeMethod(
        w, [w, folder, pg] { w->check(folder, pg); }, Qt::QueuedConnection);
}

void ReadinessDialog::onChecked(const ReadinessResult &result)
{
    m_running = false;
    m_result = result;
    check->setEnabled(true);
    cancel->setEnabled(false);
    progress->setRange(0, 1);
    progress->setValue(1);
    if (m_started) {
        // It connected: this session keeps the password, the settings the URL without it.
        SessionCredentials::instance().remember(*m_started);
        QSettings().setValue(lastServerKey(),
                             SessionCredentials::withoutPassword(*m_started).displayUrl());
    }
    status->setText(readinessSummary(result));
    if (result.error)
        banner->setError(*result.error,
                         tr("The check stopped early: %1").arg(result.error->message));
    else if (result.ready())
        banner->setMessage(theme::Tone::Success, tr("Every version is ready for PostgreSQL"),
                           tr("The timeline shows each version's verdict."));
    else
        banner->setMessage(theme::Tone::Warning, tr("Some versions are not ready"),
                           tr("The timeline shows each version's verdict; its tooltip says "
                              "why (file:line and PostgreSQL's message)."));
    banner->show();
    emit checked(result);
}

void ReadinessDialog::onFailed(const Error &error)
{
    m_running = false;
    check->setEnabled(true);
    cancel->setEnabled(false);
    progress->setRange(0, 1);
    progress->setValue(0);
    status->clear();
    if (m_started)
        SessionCredentials::instance().forgetRefused(*m_started, error.driverMessage);
    banner->setError(error, tr("The folder could not be checked: %1").arg(error.message));
    banner->show();
}

void ReadinessDialog::reject()
{
    if (m_running)
        m_worker->cancel();
    QDialog::reject();
}

} // namespace strata
