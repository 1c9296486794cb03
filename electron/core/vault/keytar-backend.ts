import keytar from 'keytar'
import type { KeychainBackend } from './keychain-vault'

/** The real OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux). */
export const keytarBackend: KeychainBackend = {
  getPassword: (service, account) => keytar.getPassword(service, account),
  setPassword: (service, account, password) => keytar.setPassword(service, account, password),
  deletePassword: (service, account) => keytar.deletePassword(service, account),
  findCredentials: (service) => keytar.findCredentials(service),
}

export const KEYCHAIN_SERVICE = 'Keywarden'
