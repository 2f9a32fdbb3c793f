#include "SchemaSourcePicker.h"

#include "connection/ConnectionDialog.h"
#include "connection/SessionCredentials.h"
#include "connection/UrlPasswordGuard.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QToolButton>

namespace strata {

SchemaSourcePicker::SchemaSourcePicker(const QString &label, QWidget *parent) : QWidget(parent)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(label, this);
    title->setStyleSheet(QStringLiteral("font-weight: 600"));
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Connection"), int(SchemaOrigin::Kind::Connection));
    m_kind->addItem(tr("Snapshot file"), int(SchemaOrigin::Kind::SnapshotFile));
    m_kind->addItem(tr("Workspace version"), int(SchemaOrigin::Kind::WorkspaceVersion));
    m_stack = new QStackedWidget(this);

    auto page = [this](QWidget *field, const QString &tip, void (SchemaSourcePicker::*choose)()) {
        auto *w = new QWidget(m_stack);
        auto *l = new QHBoxLayout(w);
        l->setContentsMargins(0, 0, 0, 0);
        l->addWidget(field, 1);
        if (choose) {
            auto *button = new QToolButton(w);
            button->setText(QStringLiteral("…"));
            button->setToolTip(tip);
            connect(button, &QToolButton::clicked, this, choose);
            l->addWidget(button);
        }
        m_stack->addWidget(w);
    };
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("connectionUrl"));
    m_url->setToolTip(tr("A password in the URL is kept in memory and leaves the URL."));
    m_url->setPlaceholderText(QStringLiteral("sqlite:shop.db  or  postgresql://user@host/db"));
    m_file = new QLineEdit(this);
    m_file->setPlaceholderText(tr("schema snapshot (.json)"));
    m_version = new QComboBox(this);
    m_version->setMinimumContentsLength(8);
    page(m_url, tr("Choose a connection"), &SchemaSourcePicker::chooseConnection);
    page(m_file, tr("Choose a snapshot file"), &SchemaSourcePicker::chooseFile);
    page(m_version, {}, nullptr);

    row->addWidget(title);
    row->addWidget(m_kind);
    row->addWidget(m_stack, 1);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_stack->setCurrentIndex(i);
        emit changed();
    });
    // A password typed or pasted into the URL is kept with the connection, out of sight.
    new UrlPasswordGuard(m_url, [this](const QString &) {
        if (auto spec = ConnectionSpec::parse(m_url->text().trimmed())) {
            m_dialogSpec = *spec;
            m_dialogSpec.password = SessionCredentials::passwordOf(*spec);
            m_dialogSpec.options = SessionCredentials::withoutPassword(*spec).options;
            m_dialogUrl = SessionCredentials::withoutPassword(*spec).displayUrl();
        }
    });
    connect(m_url, &QLineEdit::textChanged, this, &SchemaSourcePicker::changed);
    connect(m_file, &QLineEdit::textChanged, this, &SchemaSourcePicker::changed);
    connect(m_version, &QComboBox::currentIndexChanged, this, &SchemaSourcePicker::changed);
}

Result<SchemaOrigin> SchemaSourcePicker::origin() const
{
    SchemaOrigin o;
    o.kind = SchemaOrigin::Kind(m_kind->currentData().toInt());
    switch (o.kind) {
    case SchemaOrigin::Kind::Connection: {
        const QString text = m_url->text().trimmed();
        if (text.isEmpty())
            return Error::usage(tr("Choose a connection."));
        if (text == m_dialogUrl) {
            o.spec = m_dialogSpec;
        } else {
            auto spec = ConnectionSpec::parse(text);
            if (!spec)
                return spec.error();
            o.spec = *spec;
        }
        // No password of its own: the one this session connected with, if any.
        SessionCredentials::instance().fill(o.spec);
        break;
    }
    case SchemaOrigin::Kind::SnapshotFile:
        o.file = m_file->text().trimmed();
        if (o.file.isEmpty())
            return Error::usage(tr("Choose a snapshot file."));
        break;
    case SchemaOrigin::Kind::WorkspaceVersion:
        o.version = m_version->currentText();
        if (o.version.isEmpty())
            return Error::usage(tr("The workspace has no recorded schema to compare with."));
        break;
    }
    return o;
}

void SchemaSourcePicker::setOrigin(const SchemaOrigin &origin)
{
    m_kind->setCurrentIndex(m_kind->findData(int(origin.kind)));
    switch (origin.kind) {
    case SchemaOrigin::Kind::Connection:
        m_dialogSpec = origin.spec;
        m_dialogUrl = SessionCredentials::withoutPassword(origin.spec).displayUrl();
        m_url->setText(m_dialogUrl);
        break;
    case SchemaOrigin::Kind::SnapshotFile:
        m_file->setText(origin.file);
        break;
    case SchemaOrigin::Kind::WorkspaceVersion:
        if (m_version->findText(origin.version) < 0)
            m_version->addItem(origin.version);
        m_version->setCurrentText(origin.version);
        break;
    }
}

void SchemaSourcePicker::setVersions(const QStringList &versions)
{
    const QString current = m_version->currentText();
    m_version->clear();
    m_version->addItems(versions);
    const int keep = m_version->findText(current);
    m_version->setCurrentIndex(keep >= 0 ? keep : int(versions.size()) - 1);
}

QStringList SchemaSourcePicker::versions() const
{
    QStringList out;
    for (int i = 0; i < m_version->count(); ++i)
        out << m_version->itemText(i);
    return out;
}

void SchemaSourcePicker::chooseConnection()
{
    ConnectionDialog dialog(this);
    if (auto current = origin(); current && current->kind == SchemaOrigin::Kind::Connection)
        dialog.setSpec(current->spec);
    if (dialog.exec() != QDialog::Accepted)
        return;
    SchemaOrigin chosen;
    chosen.spec = dialog.spec();
    setOrigin(chosen);
}

void SchemaSourcePicker::chooseFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Schema snapshot"), m_file->text(),
                                     tr("Schema snapshots (*.json);;All files (*)"));
    if (!path.isEmpty())
        m_file->setText(path);
}

} // namespace strata
