import ErrorKBCLI
import ErrorKBCore
import Foundation

SQLiteLibrary.configureForThisProcess()
let status = await ErrorKBMain.main()
// The command has let go of the knowledge base; its last checkpoint may still be running.
KnowledgeBaseDatabase.finishBackgroundWork()
exit(status)
