import ErrorKBCLI
import ErrorKBStore
import Foundation

SQLiteLibrary.configureForThisProcess()
// Every store the command opened is closed by now, its last checkpoint done.
exit(await ErrorKBMain.main())
