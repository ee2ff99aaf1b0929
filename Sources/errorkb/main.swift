import ErrorKBCLI
import Foundation

exit(await ErrorKBMain.main())
