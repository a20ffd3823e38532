; Inno Setup 6.3+ script of the Windows installer; packaging/windows/README.md says how
; to build it. It installs for the current user only, with no administrator rights:
; the program in %LOCALAPPDATA%\Programs\TrainingDesk, a Start-menu entry, and an
; uninstaller in Settings > Apps. The databases and the signing key live apart, in
; %LOCALAPPDATA%\TrainingDesk, so that neither an upgrade nor the uninstaller touches
; them (the program folder must never be that folder).

#define AppName "TrainingDesk"
#define SourceDir "..\..\dist\TrainingDesk"
#define AppExe "TrainingDesk.exe"
; From the version resource that the PyInstaller spec writes from pyproject.toml: the
; version is typed in one place only.
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(SourceDir + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error Build dist\TrainingDesk first (see packaging\windows\README.md)
#endif

[Setup]
; Identifies the installation across versions: never change it.
AppId={{4A4568A1-9CC9-4243-A9BE-5AD4A6A64757}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Afghanistan-Pakistan Cooperation Process training programme
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\trainingdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open TrainingDesk holds its files: the installer asks to close it first.
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program: no library of the old version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
