// The connection dialog asking for a whole workspace: the recent workspaces (connection and
// folder pairs, never a password) and the migrations folder, kept paired with its connection.
#include "ConnectionDialog.h"

#include "ConnectionProfiles.h"
#include "FolderField.h"
#include "RecentWorkspaces.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace strata {

void ConnectionDialog::addRecentRow()
{
    m_recentCombo = new QComboBox;
    m_recentCombo->setObjectName(QStringLiteral("recentWorkspace"));
    m_recentCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recentCombo->setMinimumContentsLength(20);
    m_recentCombo->setToolTip(tr("Reopen a connection together with the folder used with it"));
    auto *label = new QLabel(tr("Re&cent:"));
    label->setBuddy(m_recentCombo);
    m_form->addRow(label, m_recentCombo);
    m_form->setRowVisible(m_recentCombo, false);
    connect(m_recentCombo, &QComboBox::activated, this, &ConnectionDialog::onRecentActivated);
}

void ConnectionDialog::addFolderRow()
{
    m_folderField = new FolderField;
    auto *label = new QLabel(tr("M&igrations:"));
    label->setBuddy(m_folderField->lineEdit());
    m_form->addRow(label, m_folderField);
    m_form->setRowVisible(m_folderField, false);
    connect(m_folderField, &FolderField::summaryShown, this, &ConnectionDialog::growToFit);
    connect(m_folderField, &FolderField::chosenByUser, this, [this] {
        m_folderChosen = true;
        m_droppedFolder.clear();
        m_folderOwner = ConnectionProfiles::urlFor(spec());
        m_folderField->setNote({});
    });
}

void ConnectionDialog::setWorkspace(const ConnectionSpec &spec, const QString &folder)
{
    m_workspaceMode = true;
    setWindowTitle(tr("Open a Workspace"));
    m_form->setRowVisible(m_recentCombo, true);
    m_form->setRowVisible(m_folderField, true);
    reloadRecent();
    setSpec(spec);
    m_folderChosen = false;
    m_folderOwner = ConnectionProfiles::urlFor(this->spec());
    m_folderField->setFolder(folder);
    m_folderField->setNote({});
    growToFit();
}

QString ConnectionDialog::migrationsFolder() const
{
    return m_workspaceMode ? m_folderField->folder() : QString();
}

void ConnectionDialog::reloadRecent()
{
    m_recentCombo->clear();
    const QList<RecentWorkspace> entries = m_recent->all();
    m_recentCombo->addItem(
        entries.isEmpty() ? tr("No recent workspaces") : tr("Choose a recent workspace…"), -1);
    for (int i = 0; i < entries.size(); ++i) {
        m_recentCombo->addItem(entries[i].label(), i);
        m_recentCombo->setItemData(i + 1,
                                   QStringLiteral("%1\n%2").arg(
                                       entries[i].url, QDir::toNativeSeparators(entries[i].folder)),
                                   Qt::ToolTipRole);
    }
    m_recentCombo->setEnabled(!entries.isEmpty());
}

void ConnectionDialog::onRecentActivated(int index)
{
    const int at = m_recentCombo->itemData(index).toInt();
    const QList<RecentWorkspace> entries = m_recent->all();
    if (at < 0 || at >= entries.size())
        return;
    auto parsed = ConnectionSpec::parse(entries[at].url);
    if (!parsed) {
        showResult(Tone::Error, tr("The recent workspace has an unreadable URL"),
                   parsed.error().message);
        return;
    }
    setSpec(*parsed); // selects its profile and reads a remembered password from the keychain
    m_folderChosen = false;
    m_folderOwner = ConnectionProfiles::urlFor(spec());
    m_folderField->setFolder(entries[at].folder);
    m_folderField->setNote({});
}

// Called after every change of the connection fields.
void ConnectionDialog::syncFolderWithConnection()
{
    if (!m_workspaceMode)
        return;
    const QString url = ConnectionProfiles::urlFor(spec());
    if (url == m_folderOwner)
        return;
    const QString previousFolder = m_folderField->folder();
    m_folderOwner = url;
    if (m_folderChosen)
        return; // the user picked this folder here, for the connection they are setting up
    if (const auto folder = m_recent->folderFor(spec())) {
        m_folderField->setFolder(*folder);
        m_folderField->setNote(tr("The folder last used with this database."));
        return;
    }
    if (!previousFolder.isEmpty())
        m_droppedFolder = previousFolder;
    m_folderField->setFolder({});
    m_folderField->setNote(
        m_droppedFolder.isEmpty()
            ? QString()
            : tr("The folder of the previous connection (%1) is not carried over: choose this "
                 "database's folder, even if it is the same one.")
                  .arg(QFileInfo(m_droppedFolder).fileName()));
}

void ConnectionDialog::showExampleWorkspace(const QString &folder)
{
    m_workspaceMode = true;
    setWindowTitle(tr("Open a Workspace"));
    m_form->setRowVisible(m_recentCombo, true);
    m_form->setRowVisible(m_folderField, true);
    m_recentCombo->clear();
    m_recentCombo->addItem(tr("Choose a recent workspace…"), -1);
    for (const char *label :
         {"shop on db-prod.example.com — migrations",
          "billing on db-prod.example.com — billing-migrations", "demo.db — migrations"})
        m_recentCombo->addItem(QString::fromUtf8(label), -1);
    m_folderField->setFolder(folder); // read for real: the summary is the demo folder's
    m_folderField->setDisplayedPath(QStringLiteral("~/projects/shop/migrations"));
    m_folderOwner = QStringLiteral("postgresql://dba@db-prod.example.com:5432/"
                                   "shop?sslmode=verify-full");
    m_folderChosen = true; // the example connection below is set after the folder
}

std::optional<QString> ConnectionDialog::folderError() const
{
    if (!m_workspaceMode)
        return std::nullopt;
    const QString folder = m_folderField->folder();
    if (folder.isEmpty())
        return tr("Choose the migrations folder of this workspace");
    if (!QFileInfo(folder).isDir())
        return tr("The migrations folder %1 does not exist").arg(QDir::toNativeSeparators(folder));
    return std::nullopt;
}

} // namespace strata
