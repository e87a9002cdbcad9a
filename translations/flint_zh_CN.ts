<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Conversation</name>
    <message>
        <source>The message was not sent: you are not connected.</source>
        <translation>消息未发送：你尚未连接到服务器。</translation>
    </message>
    <message>
        <source>The message was not delivered: no such user.</source>
        <translation>消息未送达：该用户不存在。</translation>
    </message>
    <message>
        <source>The message was not delivered: the recipient cannot take messages.</source>
        <translation>消息未送达：对方当前无法接收消息。</translation>
    </message>
    <message>
        <source>The message was not sent: the address is not valid.</source>
        <translation>消息未发送：地址无效。</translation>
    </message>
    <message>
        <source>The message was not delivered: the recipient&apos;s server is unreachable.</source>
        <translation>消息未送达：无法连接到对方的服务器。</translation>
    </message>
    <message>
        <source>The message was not delivered: the server does not allow it.</source>
        <translation>消息未送达：服务器不允许发送此消息。</translation>
    </message>
    <message>
        <source>The message was not delivered this time; try again later.</source>
        <translation>消息本次未能送达，请稍后重试。</translation>
    </message>
    <message>
        <source>The message was not delivered.</source>
        <translation>消息未送达。</translation>
    </message>
</context>
<context>
    <name>HistoryStore</name>
    <message>
        <source>The message history file could not be opened.</source>
        <translation>无法打开消息历史记录文件。</translation>
    </message>
    <message>
        <source>The message history was written by a newer version of Flint.</source>
        <translation>消息历史记录由更高版本的 Flint 写入，当前版本无法读取。</translation>
    </message>
    <message>
        <source>The message history could not be upgraded.</source>
        <translation>无法升级消息历史记录。</translation>
    </message>
</context>
<context>
    <name>flint::ClientAccount</name>
    <message>
        <source>%1 (%2)</source>
        <comment>someone in a room: nickname (room name)</comment>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>flint::ConnectionError</name>
    <message>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>The server does not know this account.</source>
        <translation>服务器上不存在此账号。</translation>
    </message>
    <message>
        <source>The server cannot be reached.</source>
        <translation>无法连接到服务器。</translation>
    </message>
    <message>
        <source>The server&apos;s address could not be found.</source>
        <translation>找不到服务器的地址。</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established.</source>
        <translation>无法与服务器建立安全连接。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>服务器的证书不受信任。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you accepted it. This can mean that someone is intercepting the connection; ask your administrator before connecting.</source>
        <translation>服务器的证书在你接受之后发生了变化。这可能意味着有人正在拦截连接；连接前请先咨询管理员。</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>服务器响应超时。</translation>
    </message>
    <message>
        <source>The server refused the login; the account may be disabled.</source>
        <translation>服务器拒绝了登录，该账号可能已被停用。</translation>
    </message>
    <message>
        <source>The account was logged in from another place.</source>
        <translation>该账号已在其他地方登录。</translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation>与服务器的连接已断开。</translation>
    </message>
    <message>
        <source>The account or server address is not valid.</source>
        <translation>账号或服务器地址无效。</translation>
    </message>
    <message>
        <source>The login was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <source>The login failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
    <message>
        <source>Enter a username.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>The username contains characters that are not allowed.</source>
        <translation>用户名包含不允许使用的字符。</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s domain, such as example.com.</source>
        <translation>请输入服务器的域名，例如 example.com。</translation>
    </message>
    <message>
        <source>The server address is not valid; use host or host:port.</source>
        <translation>服务器地址无效，请使用“主机”或“主机:端口”格式。</translation>
    </message>
    <message>
        <source>Enter the administrator&apos;s username.</source>
        <translation>请输入管理员的用户名。</translation>
    </message>
    <message>
        <source>The administrator&apos;s username contains characters that are not allowed.</source>
        <translation>管理员的用户名包含不允许使用的字符。</translation>
    </message>
    <message>
        <source>Enter the administrator&apos;s password.</source>
        <translation>请输入管理员的密码。</translation>
    </message>
    <message>
        <source>The account was created.</source>
        <translation>账号已创建。</translation>
    </message>
    <message>
        <source>This username is already taken.</source>
        <translation>该用户名已被占用。</translation>
    </message>
    <message>
        <source>The server does not allow creating this account.</source>
        <translation>服务器不允许创建此账号。</translation>
    </message>
    <message>
        <source>The server did not accept the username or password.</source>
        <translation>服务器不接受该用户名或密码。</translation>
    </message>
    <message>
        <source>The registration failed: %1</source>
        <translation>注册失败：%1</translation>
    </message>
</context>
<context>
    <name>flint::DirectorySearch</name>
    <message>
        <source>The search is complete.</source>
        <translation>搜索已完成。</translation>
    </message>
    <message>
        <source>Your server does not offer a user directory.</source>
        <translation>你的服务器未提供用户目录。</translation>
    </message>
    <message>
        <source>You are not connected to the server.</source>
        <translation>你尚未连接到服务器。</translation>
    </message>
    <message>
        <source>Enter part of a name, username or email address.</source>
        <translation>请输入姓名、用户名或邮箱地址的一部分。</translation>
    </message>
    <message>
        <source>The directory did not accept this search.</source>
        <translation>用户目录不接受此搜索。</translation>
    </message>
    <message>
        <source>You are not allowed to search the directory.</source>
        <translation>你无权搜索用户目录。</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>服务器响应超时。</translation>
    </message>
    <message>
        <source>The directory search failed: %1</source>
        <translation>用户目录搜索失败：%1</translation>
    </message>
</context>
<context>
    <name>flint::PasswordStore</name>
    <message>
        <source>No password is saved for this account.</source>
        <translation>此账号未保存密码。</translation>
    </message>
    <message>
        <source>The keyring refused access to the saved password.</source>
        <translation>密钥环拒绝访问已保存的密码。</translation>
    </message>
    <message>
        <source>No keyring is available to keep the password; it was not saved.</source>
        <translation>没有可用于保存密码的密钥环，密码未保存。</translation>
    </message>
    <message>
        <source>The keyring failed: %1</source>
        <translation>密钥环出错：%1</translation>
    </message>
</context>
<context>
    <name>flint::ProfileManager</name>
    <message>
        <source>The profile was saved.</source>
        <translation>个人资料已保存。</translation>
    </message>
    <message>
        <source>You are not connected to the server.</source>
        <translation>你尚未连接到服务器。</translation>
    </message>
    <message>
        <source>This is not a valid address.</source>
        <translation>这不是有效的地址。</translation>
    </message>
    <message>
        <source>There is no such account.</source>
        <translation>该账号不存在。</translation>
    </message>
    <message>
        <source>The server does not allow this.</source>
        <translation>服务器不允许此操作。</translation>
    </message>
    <message>
        <source>The server did not accept the profile; the photo may be too large.</source>
        <translation>服务器未接受该个人资料，可能是头像图片过大。</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>服务器响应超时。</translation>
    </message>
    <message>
        <source>The profile could not be loaded or saved: %1</source>
        <translation>无法加载或保存个人资料：%1</translation>
    </message>
</context>
<context>
    <name>flint::Room</name>
    <message>
        <source>You are not connected.</source>
        <translation>你尚未连接。</translation>
    </message>
    <message>
        <source>The server offers no chat rooms.</source>
        <translation>服务器不提供聊天室。</translation>
    </message>
    <message>
        <source>Someone in the room already uses this nickname.</source>
        <translation>聊天室里已有人使用这个昵称。</translation>
    </message>
    <message>
        <source>This room needs a password; the one given is missing or wrong.</source>
        <translation>此聊天室需要密码；未提供密码或密码错误。</translation>
    </message>
    <message>
        <source>You are banned from this room.</source>
        <translation>你已被禁止进入此聊天室。</translation>
    </message>
    <message>
        <source>Only members may enter this room; ask its owner.</source>
        <translation>只有成员才能进入此聊天室；请联系聊天室所有者。</translation>
    </message>
    <message>
        <source>There is no such room.</source>
        <translation>没有这个聊天室。</translation>
    </message>
    <message>
        <source>The server does not let you create rooms.</source>
        <translation>服务器不允许你创建聊天室。</translation>
    </message>
    <message>
        <source>The room is full.</source>
        <translation>聊天室已满。</translation>
    </message>
    <message>
        <source>A room with this address exists.</source>
        <translation>已有使用此地址的聊天室。</translation>
    </message>
    <message>
        <source>The room does not allow you to do this.</source>
        <translation>聊天室不允许你这样做。</translation>
    </message>
    <message>
        <source>The room did not answer in time.</source>
        <translation>聊天室未及时响应。</translation>
    </message>
    <message>
        <source>The room refused the request.</source>
        <translation>聊天室拒绝了此请求。</translation>
    </message>
</context>
<context>
    <name>flint::RosterModel</name>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
</context>
<context>
    <name>flint::RosterResult</name>
    <message>
        <source>The contact was added; they will see your request.</source>
        <translation>联系人已添加，对方将收到你的请求。</translation>
    </message>
    <message>
        <source>The contact was removed.</source>
        <translation>联系人已删除。</translation>
    </message>
    <message>
        <source>The contact was renamed.</source>
        <translation>联系人已重命名。</translation>
    </message>
    <message>
        <source>The contact&apos;s groups were changed.</source>
        <translation>联系人的分组已更改。</translation>
    </message>
    <message>
        <source>This contact is already in your contact list.</source>
        <translation>该联系人已在你的联系人列表中。</translation>
    </message>
    <message>
        <source>There is no such user on the server.</source>
        <translation>服务器上不存在该用户。</translation>
    </message>
    <message>
        <source>This contact is not in your contact list.</source>
        <translation>该联系人不在你的联系人列表中。</translation>
    </message>
    <message>
        <source>This is not a valid contact address.</source>
        <translation>这不是有效的联系人地址。</translation>
    </message>
    <message>
        <source>You are not connected.</source>
        <translation>你尚未连接。</translation>
    </message>
    <message>
        <source>The server did not allow this change.</source>
        <translation>服务器不允许此更改。</translation>
    </message>
    <message>
        <source>The contact list could not be changed.</source>
        <translation>无法更改联系人列表。</translation>
    </message>
</context>
<context>
    <name>flint::TransferService</name>
    <message>
        <source>The file was not sent: you are not connected.</source>
        <translation>文件未发送：你尚未连接。</translation>
    </message>
    <message>
        <source>The recipient declined the file.</source>
        <translation>对方拒绝了该文件。</translation>
    </message>
    <message>
        <source>The other side cancelled the transfer.</source>
        <translation>对方取消了传输。</translation>
    </message>
    <message>
        <source>The other side went offline or cannot receive files this way.</source>
        <translation>对方已离线，或无法以这种方式接收文件。</translation>
    </message>
    <message>
        <source>No connection for the file could be set up, neither directly, through the server&apos;s proxy nor through the server itself.</source>
        <translation>无法为该文件建立连接：直连、经服务器代理、经服务器本身都未成功。</translation>
    </message>
    <message>
        <source>The file is too large for the server: at most %1 can be uploaded.</source>
        <translation>文件太大，服务器最多只能上传 %1。</translation>
    </message>
    <message>
        <source>The file is too large for the server.</source>
        <translation>文件太大，服务器无法接收。</translation>
    </message>
    <message>
        <source>Your upload space on the server is used up; older files expire after a while.</source>
        <translation>你在服务器上的上传空间已用完；较早的文件会在一段时间后过期。</translation>
    </message>
    <message>
        <source>The server offers no file storage, so files cannot be sent to someone who is offline or into a room.</source>
        <translation>服务器不提供文件存储，因此无法向离线的人或聊天室发送文件。</translation>
    </message>
    <message>
        <source>The server did not take or give the file.</source>
        <translation>服务器未能接收或提供该文件。</translation>
    </message>
    <message>
        <source>The received file is damaged: it differs from what the sender sent. It was deleted.</source>
        <translation>收到的文件已损坏：与发送方发送的不一致，已被删除。</translation>
    </message>
    <message>
        <source>The file could not be read or written on this computer.</source>
        <translation>无法在这台电脑上读取或写入该文件。</translation>
    </message>
    <message>
        <source>The file transfer failed.</source>
        <translation>文件传输失败。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The server could not store the file: its disk may be full. Try again later.</source>
        <translation>服务器无法保存该文件：它的磁盘可能已满。请稍后再试。</translation>
    </message>
    <message>
        <source>There is not enough free space on this computer for the file: %1 free in %2.</source>
        <translation>这台电脑没有足够的空间存放该文件：%2 中只剩 %1 可用。</translation>
    </message>
    <message>
        <source>The connection to the server was lost during the transfer. Once you are back online, the file can be sent again.</source>
        <translation>传输过程中与服务器的连接断开了。重新上线后可以再次发送该文件。</translation>
    </message>
</context>
<context>
    <name>flint::ui</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Free to chat</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Extended away</source>
        <translation>长时间离开</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>flint::ui::AddContactDialog</name>
    <message>
        <source>Add Contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>name or name@%1</source>
        <translation>用户名或 用户名@%1</translation>
    </message>
    <message>
        <source>Contact address</source>
        <translation>联系人地址</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation>联系人名称</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>不分组</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Sending the request to %1…</source>
        <translation>正在向 %1 发送请求…</translation>
    </message>
    <message>
        <source>Enter the address of the person to add.</source>
        <translation>请输入要添加的联系人的地址。</translation>
    </message>
    <message>
        <source>Add a colleague to your contacts. They will be asked to let you see when they are online.</source>
        <translation>将同事添加为联系人。系统将请求对方允许你查看其在线状态。</translation>
    </message>
</context>
<context>
    <name>flint::ui::AvatarCropDialog</name>
    <message>
        <source>Crop Picture</source>
        <translation>裁剪图片</translation>
    </message>
    <message>
        <source>Drag the frame over the part of the picture to show. Zoom with the mouse wheel or the slider; the arrow keys move the frame.</source>
        <translation>将选框拖到图片中要显示的部分。可用鼠标滚轮或滑块缩放，用方向键移动选框。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>&amp;Zoom</source>
        <translation>缩放(&amp;Z)</translation>
    </message>
    <message>
        <source>Picture with crop frame</source>
        <translation>带裁剪框的图片</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Preview of the avatar</source>
        <translation>头像预览</translation>
    </message>
    <message>
        <source>Use Picture</source>
        <translation>使用此图片</translation>
    </message>
</context>
<context>
    <name>flint::ui::BookmarkDialog</name>
    <message>
        <source>Edit Bookmark</source>
        <translation>编辑书签</translation>
    </message>
    <message>
        <source>Bookmark Room</source>
        <translation>收藏聊天室</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Bookmark name</source>
        <translation>书签名称</translation>
    </message>
    <message>
        <source>N&amp;ickname:</source>
        <translation>昵称(&amp;I)：</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Room password</source>
        <translation>聊天室密码</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>&amp;Join automatically when I log in</source>
        <translation>登录时自动加入(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Remove Bookmark</source>
        <translation>删除书签(&amp;R)</translation>
    </message>
</context>
<context>
    <name>flint::ui::CertificateDialog</name>
    <message>
        <source>Unverified Certificate</source>
        <translation>未验证的证书</translation>
    </message>
    <message>
        <source>Do you trust this server?</source>
        <translation>是否信任此服务器？</translation>
    </message>
    <message>
        <source>The certificate of %1 is not verified by a known authority. A company&apos;s own server often uses such a certificate, but it can also mean that someone is intercepting the connection. Trust it only if the fingerprint below matches the one your administrator gave you.</source>
        <translation>%1 的证书未经已知的证书颁发机构验证。企业自建的服务器常使用此类证书，但这也可能意味着有人正在拦截连接。请仅在下方指纹与管理员提供给你的指纹一致时才信任该证书。</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>颁发给：</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>颁发者：</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>有效期：</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 指纹：</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未提供</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1（自签名）</translation>
    </message>
    <message>
        <source>%1 to %2 (expired)</source>
        <translation>%1 至 %2（已过期）</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Issued to</source>
        <translation>颁发给</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 指纹</translation>
    </message>
    <message>
        <source>&amp;Trust and Connect</source>
        <translation>信任并连接(&amp;T)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>flint::ui::ChatTab</name>
    <message>
        <source>View profile</source>
        <translation>查看个人资料</translation>
    </message>
    <message>
        <source>Typing notification</source>
        <translation>输入状态提示</translation>
    </message>
    <message>
        <source>Avatar of %1</source>
        <translation>%1 的头像</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>availability — status text</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 正在输入…</translation>
    </message>
    <message>
        <source>%1 stopped typing</source>
        <translation>%1 已停止输入</translation>
    </message>
    <message>
        <source>Drop files here to send them to %1</source>
        <translation>将文件拖放到这里以发送给 %1</translation>
    </message>
    <message>
        <source>Send Files to %1</source>
        <translation>发送文件给 %1</translation>
    </message>
    <message>
        <source>Could not send %1: %2</source>
        <translation>无法发送 %1：%2</translation>
    </message>
    <message>
        <source>Not in the room</source>
        <translation>不在聊天室中</translation>
    </message>
</context>
<context>
    <name>flint::ui::ChatWindow</name>
    <message>
        <source>%1 (%2)</source>
        <comment>contact name (unread count)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 — Flint</source>
        <comment>chat window title: contact name</comment>
        <translation>%1 — Flint</translation>
    </message>
    <message>
        <source>Chats — Flint</source>
        <translation>聊天 — Flint</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
</context>
<context>
    <name>flint::ui::Composer</name>
    <message>
        <source>Send a file (or drop it here)</source>
        <translation>发送文件（或拖放到这里）</translation>
    </message>
    <message>
        <source>Send file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>Insert emoji</source>
        <translation>插入表情</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
</context>
<context>
    <name>flint::ui::ContactCardDialog</name>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>头像</translation>
    </message>
    <message>
        <source>This contact has not filled in a profile.</source>
        <translation>该联系人尚未填写个人资料。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>发消息(&amp;C)</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>正在加载</translation>
    </message>
    <message>
        <source>Loading the profile…</source>
        <translation>正在加载个人资料…</translation>
    </message>
    <message>
        <source>Profile of %1</source>
        <translation>%1 的个人资料</translation>
    </message>
    <message>
        <source>Not in your contacts</source>
        <translation>不在你的联系人中</translation>
    </message>
</context>
<context>
    <name>flint::ui::CreateRoomDialog</name>
    <message>
        <source>Reading the room&apos;s settings…</source>
        <translation>正在读取聊天室设置…</translation>
    </message>
    <message>
        <source>You are already in %1.</source>
        <translation>您已在 %1 中。</translation>
    </message>
    <message>
        <source>Creating %1…</source>
        <translation>正在创建 %1…</translation>
    </message>
    <message>
        <source>Saving the settings…</source>
        <translation>正在保存设置…</translation>
    </message>
    <message>
        <source>Room Settings — %1</source>
        <translation>聊天室设置 — %1</translation>
    </message>
    <message>
        <source>Only the room&apos;s owners may change these settings.</source>
        <translation>只有聊天室的所有者可以更改这些设置。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Create Room</source>
        <translation>创建聊天室</translation>
    </message>
    <message>
        <source>A room for a team or a topic. You become its owner.</source>
        <translation>为团队或话题创建聊天室，您将成为它的所有者。</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>创建(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>聊天室名称</translation>
    </message>
    <message>
        <source>e.g. Weekly Planning</source>
        <translation>例如：每周计划</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Room address</source>
        <translation>聊天室地址</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>Room description</source>
        <translation>聊天室描述</translation>
    </message>
    <message>
        <source>What the room is for</source>
        <translation>聊天室的用途</translation>
    </message>
    <message>
        <source>Your n&amp;ickname:</source>
        <translation>您的昵称(&amp;I)：</translation>
    </message>
    <message>
        <source>Your nickname</source>
        <translation>您的昵称</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Room password</source>
        <translation>聊天室密码</translation>
    </message>
    <message>
        <source>None: anyone allowed may join</source>
        <translation>无：获准的人都可以加入</translation>
    </message>
    <message>
        <source>&amp;History for newcomers:</source>
        <translation>新成员可见的历史(&amp;H)：</translation>
    </message>
    <message>
        <source>Messages shown to newcomers</source>
        <translation>向新成员显示的消息数</translation>
    </message>
    <message>
        <source> messages</source>
        <translation> 条消息</translation>
    </message>
    <message>
        <source>&amp;Maximum people:</source>
        <translation>人数上限(&amp;M)：</translation>
    </message>
    <message>
        <source>Maximum number of people</source>
        <translation>人数上限</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>&amp;Keep the room when everyone has left</source>
        <translation>所有人离开后保留聊天室(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;List the room in the room directory</source>
        <translation>在聊天室目录中列出(&amp;L)</translation>
    </message>
    <message>
        <source>Only &amp;members may join</source>
        <translation>仅成员可以加入(&amp;M)</translation>
    </message>
    <message>
        <source>M&amp;oderated: newcomers need a voice to speak</source>
        <translation>受管理：新成员获得发言权后才能发言(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Everyone sees participants&apos; addresses (else moderators only)</source>
        <translation>所有人都能看到参与者的地址（否则仅主持人可见）(&amp;E)</translation>
    </message>
    <message>
        <source>Participants may &amp;invite others</source>
        <translation>参与者可以邀请他人(&amp;I)</translation>
    </message>
    <message>
        <source>Participants may change the s&amp;ubject</source>
        <translation>参与者可以更改主题(&amp;U)</translation>
    </message>
</context>
<context>
    <name>flint::ui::DirectorySearchDialog</name>
    <message>
        <source>Find Colleagues</source>
        <translation>查找同事</translation>
    </message>
    <message>
        <source>Search the directory of your server by part of a name, username or email address.</source>
        <translation>在服务器的用户目录中搜索，可输入姓名、用户名或邮箱地址的一部分。</translation>
    </message>
    <message>
        <source>Name, username or email</source>
        <translation>姓名、用户名或邮箱</translation>
    </message>
    <message>
        <source>Search for</source>
        <translation>搜索内容</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>&amp;Add Contact</source>
        <translation>添加联系人(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>发消息(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>正在搜索</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>No one matches “%1”.</source>
        <translation>没有找到与“%1”匹配的人。</translation>
    </message>
    <message numerus="yes">
        <source>%n colleague(s) found.</source>
        <translation>
            <numerusform>找到 %n 位同事。</numerusform>
        </translation>
    </message>
    <message>
        <source>You</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>In contacts</source>
        <translation>已是联系人</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>正在添加…</translation>
    </message>
    <message>
        <source>Status</source>
        <comment>directory column: in contacts, you, being added</comment>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>flint::ui::EditGroupsDialog</name>
    <message>
        <source>Edit Groups</source>
        <translation>编辑分组</translation>
    </message>
    <message>
        <source>Groups of %1:</source>
        <translation>%1 所在的分组：</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>&amp;New group:</source>
        <translation>新建分组(&amp;N)：</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新建分组</translation>
    </message>
</context>
<context>
    <name>flint::ui::EmojiPicker</name>
    <message>
        <source>Smileys</source>
        <translation>笑脸</translation>
    </message>
    <message>
        <source>Gestures</source>
        <translation>手势</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>自然</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>表情</translation>
    </message>
</context>
<context>
    <name>flint::ui::HistoryWindow</name>
    <message>
        <source>You: %1</source>
        <translation>我：%1</translation>
    </message>
    <message>
        <source>History — Flint</source>
        <translation>历史记录 — Flint</translation>
    </message>
    <message>
        <source>Search all conversations</source>
        <translation>搜索所有聊天记录</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Double-click a message, or press Enter, to open it in the chat</source>
        <translation>双击消息或按 Enter 键，即可在聊天窗口中打开</translation>
    </message>
    <message>
        <source>Choose a conversation to read it, or search above.</source>
        <translation>选择一个会话进行查看，或在上方搜索。</translation>
    </message>
    <message>
        <source>Double-click a message to continue the conversation there.</source>
        <translation>双击消息，即可从该处继续聊天。</translation>
    </message>
    <message>
        <source>No messages match.</source>
        <translation>没有匹配的消息。</translation>
    </message>
    <message numerus="yes">
        <source>The %n newest matching messages</source>
        <translation>
            <numerusform>最新的 %n 条匹配消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching message(s)</source>
        <translation>
            <numerusform>%n 条匹配消息</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>nick in a room: message</comment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>flint::ui::InvitationPrompt</name>
    <message>
        <source>Invitation to %1</source>
        <translation>%1 的邀请</translation>
    </message>
    <message>
        <source>%1 invites you to the room %2</source>
        <translation>%1 邀请您加入聊天室 %2</translation>
    </message>
    <message>
        <source>%1 invites you to %2</source>
        <translation>%1 邀请您加入 %2</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>加入(&amp;J)</translation>
    </message>
    <message>
        <source>Join the room now</source>
        <translation>立即加入聊天室</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>拒绝(&amp;D)</translation>
    </message>
    <message>
        <source>Tell %1 you will not join</source>
        <translation>告诉 %1 您不加入</translation>
    </message>
    <message>
        <source>Invitation from %1 to %2</source>
        <translation>%1 邀请加入 %2</translation>
    </message>
</context>
<context>
    <name>flint::ui::InviteDialog</name>
    <message>
        <source>Invite to %1</source>
        <translation>邀请加入 %1</translation>
    </message>
    <message>
        <source>Pick a contact or type an address. They get an invitation to join %1.</source>
        <translation>选择联系人或输入地址，对方将收到加入 %1 的邀请。</translation>
    </message>
    <message>
        <source>Name or address, e.g. alex@example.org</source>
        <translation>名称或地址，例如 alex@example.org</translation>
    </message>
    <message>
        <source>Address to invite</source>
        <translation>要邀请的地址</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>&amp;Message (optional):</source>
        <translation>附言（可选）(&amp;M)：</translation>
    </message>
    <message>
        <source>Invitation message</source>
        <translation>邀请附言</translation>
    </message>
    <message>
        <source>e.g. We are planning the release</source>
        <translation>例如：我们正在计划发布</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>邀请(&amp;I)</translation>
    </message>
</context>
<context>
    <name>flint::ui::JoinRoomDialog</name>
    <message>
        <source>Joining %1…</source>
        <translation>正在加入 %1…</translation>
    </message>
    <message>
        <source>Join Room</source>
        <translation>加入聊天室</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>聊天室(&amp;R)：</translation>
    </message>
    <message>
        <source>Room name or address</source>
        <translation>聊天室名称或地址</translation>
    </message>
    <message>
        <source>Name or address, e.g. planning</source>
        <translation>名称或地址，例如 planning</translation>
    </message>
    <message>
        <source>N&amp;ickname:</source>
        <translation>昵称(&amp;I)：</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Room password</source>
        <translation>聊天室密码</translation>
    </message>
    <message>
        <source>&amp;Bookmark and join automatically</source>
        <translation>加入书签并自动加入(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>加入(&amp;J)</translation>
    </message>
</context>
<context>
    <name>flint::ui::LoginController</name>
    <message>
        <source>Loading your contacts…</source>
        <translation>正在加载联系人…</translation>
    </message>
    <message>
        <source>The connection was lost; trying again…</source>
        <translation>连接已断开，正在重试…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Waiting for you to check the server&apos;s certificate…</source>
        <translation>正在等待你检查服务器证书…</translation>
    </message>
    <message>
        <source>Password Not Remembered</source>
        <translation>未能记住密码</translation>
    </message>
    <message>
        <source>Flint could not keep your password.</source>
        <translation>Flint 无法保存你的密码。</translation>
    </message>
</context>
<context>
    <name>flint::ui::LoginDialog</name>
    <message>
        <source>Log In to Flint</source>
        <translation>登录 Flint</translation>
    </message>
    <message>
        <source>Flint logo</source>
        <translation>Flint 标志</translation>
    </message>
    <message>
        <source>Chat with your team, securely.</source>
        <translation>与团队安全沟通。</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>name or name@example.com</source>
        <translation>用户名或 用户名@example.com</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>Status after logging in</source>
        <translation>登录后的状态</translation>
    </message>
    <message>
        <source>&amp;Remember password</source>
        <translation>记住密码(&amp;R)</translation>
    </message>
    <message>
        <source>Keeps the password in your system&apos;s keyring</source>
        <translation>将密码保存在系统密钥环中</translation>
    </message>
    <message>
        <source>Log in &amp;automatically</source>
        <translation>自动登录(&amp;A)</translation>
    </message>
    <message>
        <source>Ad&amp;vanced</source>
        <translation>高级(&amp;V)</translation>
    </message>
    <message>
        <source>Advanced connection settings</source>
        <translation>高级连接设置</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>From the server&apos;s DNS records</source>
        <translation>根据服务器的 DNS 记录</translation>
    </message>
    <message>
        <source>Host to connect to</source>
        <translation>要连接的主机</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>R&amp;esource:</source>
        <translation>资源(&amp;E)：</translation>
    </message>
    <message>
        <source>Chosen automatically</source>
        <translation>自动选择</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation>安全性(&amp;C)：</translation>
    </message>
    <message>
        <source>STARTTLS (required)</source>
        <translation>STARTTLS（必需）</translation>
    </message>
    <message>
        <source>Direct TLS</source>
        <translation>直接 TLS</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全性</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>Login failure</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Create account…</source>
        <translation>注册账号…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Log In</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>flint::ui::MainWindow</name>
    <message>
        <source>Your profile</source>
        <translation>我的个人资料</translation>
    </message>
    <message>
        <source>Edit your profile and picture</source>
        <translation>编辑个人资料和头像</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>搜索联系人</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Add someone to your contacts</source>
        <translation>添加新的联系人</translation>
    </message>
    <message>
        <source>Show offline</source>
        <translation>显示离线</translation>
    </message>
    <message>
        <source>Show contacts who are not online</source>
        <translation>显示不在线的联系人</translation>
    </message>
    <message>
        <source>&amp;Flint</source>
        <translation>Flint(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Add Contact…</source>
        <translation>添加联系人(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Find Colleagues…</source>
        <translation>查找同事(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Log Out</source>
        <translation>退出登录(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Find Contact</source>
        <translation>查找联系人(&amp;F)</translation>
    </message>
    <message>
        <source>Show &amp;Offline Contacts</source>
        <translation>显示离线联系人(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Flint</source>
        <translation>关于 Flint(&amp;A)</translation>
    </message>
    <message>
        <source>Flint — %1</source>
        <translation>Flint 即时通讯 — %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重新连接…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>No contact matches “%1”.</source>
        <translation>没有与“%1”匹配的联系人。</translation>
    </message>
    <message>
        <source>None of your contacts is online.</source>
        <translation>暂无在线的联系人。</translation>
    </message>
    <message>
        <source>No contacts yet.
Add the people you work with.</source>
        <translation>还没有联系人。
快把一起工作的同事添加进来吧。</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>发消息(&amp;C)</translation>
    </message>
    <message>
        <source>View &amp;Profile</source>
        <translation>查看个人资料(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>Edit &amp;Groups…</source>
        <translation>编辑分组(&amp;G)…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>删除(&amp;M)…</translation>
    </message>
    <message>
        <source>Request sent to %1</source>
        <translation>已向 %1 发送请求</translation>
    </message>
    <message>
        <source>Rename Contact</source>
        <translation>重命名联系人</translation>
    </message>
    <message>
        <source>Name for %1:</source>
        <translation>%1 的名称：</translation>
    </message>
    <message>
        <source>Remove Contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <source>Remove %1 from your contacts?</source>
        <translation>要将 %1 从联系人中删除吗？</translation>
    </message>
    <message>
        <source>%1 will no longer see when you are online, nor you when they are.</source>
        <translation>%1 将无法再看到你的在线状态，你也无法再看到对方的在线状态。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>About Flint</source>
        <translation>关于 Flint</translation>
    </message>
    <message>
        <source>Flint %1</source>
        <translation>Flint %1</translation>
    </message>
    <message>
        <source>Instant messaging for teams, on your own server.</source>
        <translation>面向团队的即时通讯，部署在你自己的服务器上。</translation>
    </message>
    <message>
        <source>Your Rooms</source>
        <translation>您的聊天室</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>room name (unread count)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>%1 (joins automatically)</source>
        <translation>%1（自动加入）</translation>
    </message>
    <message>
        <source>File &amp;Transfers…</source>
        <translation>文件传输(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>聊天室(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Browse or Join Room…</source>
        <translation>浏览或加入聊天室(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Create Room…</source>
        <translation>创建聊天室(&amp;C)…</translation>
    </message>
</context>
<context>
    <name>flint::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>long date, time of day</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Offline message, sent at %1</source>
        <translation>离线消息，发送于 %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>%1 · not on this computer</source>
        <translation>%1 · 不在这台电脑上</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>在文件夹中显示</translation>
    </message>
</context>
<context>
    <name>flint::ui::MessageInput</name>
    <message>
        <source>Type a message</source>
        <translation>输入消息</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line</source>
        <translation>按 Enter 发送消息，按 Shift+Enter 换行</translation>
    </message>
</context>
<context>
    <name>flint::ui::NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>flint::ui::OccupantDelegate</name>
    <message>
        <source>Moderators</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参与者</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>参与者</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1（您）</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>availability — status text</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>room role, affiliation</comment>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>flint::ui::ProfileDialog</name>
    <message>
        <source>Loading your profile…</source>
        <translation>正在加载你的个人资料…</translation>
    </message>
    <message>
        <source>My Profile</source>
        <translation>我的个人资料</translation>
    </message>
    <message>
        <source>Change Picture…</source>
        <translation>更换头像…</translation>
    </message>
    <message>
        <source>Remove Picture</source>
        <translation>移除头像</translation>
    </message>
    <message>
        <source>Your picture</source>
        <translation>你的头像</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation>姓名(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>单位(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>职务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>邮箱(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>How colleagues see your name</source>
        <translation>同事看到的你的名字</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>正在处理</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Choose a Picture</source>
        <translation>选择图片</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
    <message>
        <source>“%1” could not be opened as a picture.</source>
        <translation>无法将“%1”作为图片打开。</translation>
    </message>
</context>
<context>
    <name>flint::ui::ReceivePrompt</name>
    <message>
        <source>Avatar of %1</source>
        <translation>%1 的头像</translation>
    </message>
    <message>
        <source>%1 wants to send you a file</source>
        <translation>%1 想发送一个文件给你</translation>
    </message>
    <message>
        <source>Incoming File</source>
        <translation>收到文件</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>file size · file type</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Accept saves it in %1.</source>
        <translation>接受后将保存到 %1。</translation>
    </message>
    <message>
        <source>File type</source>
        <translation>文件类型</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <source>Save the file in the downloads folder</source>
        <translation>将文件保存到下载文件夹</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Choose where to save the file</source>
        <translation>选择文件的保存位置</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>拒绝(&amp;D)</translation>
    </message>
    <message>
        <source>Save File As</source>
        <translation>文件另存为</translation>
    </message>
</context>
<context>
    <name>flint::ui::RegisterDialog</name>
    <message>
        <source>Create Account</source>
        <translation>注册账号</translation>
    </message>
    <message>
        <source>Create an account</source>
        <translation>创建账号</translation>
    </message>
    <message>
        <source>As an administrator of the server, you can create an account for someone else. Give them the username and password afterwards.</source>
        <translation>作为服务器管理员，你可以为他人创建账号。创建完成后，请将用户名和密码告知对方。</translation>
    </message>
    <message>
        <source>Choose a username and a password on your chat server.</source>
        <translation>请在你的聊天服务器上设置用户名和密码。</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Con&amp;firm:</source>
        <translation>确认密码(&amp;F)：</translation>
    </message>
    <message>
        <source>The password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Ad&amp;vanced</source>
        <translation>高级(&amp;V)</translation>
    </message>
    <message>
        <source>Advanced connection settings</source>
        <translation>高级连接设置</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>From the server&apos;s DNS records</source>
        <translation>根据服务器的 DNS 记录</translation>
    </message>
    <message>
        <source>Host to connect to</source>
        <translation>要连接的主机</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>I am an &amp;administrator creating this account for someone else</source>
        <translation>我是管理员，正在为他人创建此账号(&amp;A)</translation>
    </message>
    <message>
        <source>A&amp;dmin username:</source>
        <translation>管理员用户名(&amp;D)：</translation>
    </message>
    <message>
        <source>Administrator&apos;s username</source>
        <translation>管理员的用户名</translation>
    </message>
    <message>
        <source>Admin pass&amp;word:</source>
        <translation>管理员密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Administrator&apos;s password</source>
        <translation>管理员的密码</translation>
    </message>
    <message>
        <source>Creating the account</source>
        <translation>正在创建账号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Logging in as %1 to create %2…</source>
        <translation>正在以 %1 的身份登录，以创建 %2…</translation>
    </message>
    <message>
        <source>Creating %1…</source>
        <translation>正在创建 %1…</translation>
    </message>
    <message>
        <source>%1 The new address is %2.</source>
        <translation>%1 新地址为 %2。</translation>
    </message>
</context>
<context>
    <name>flint::ui::RoomBrowserDialog</name>
    <message>
        <source>Members only</source>
        <translation>仅限成员</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Moderated</source>
        <translation>受管理</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开放</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between access kinds</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>Asking the server for its rooms…</source>
        <translation>正在向服务器获取聊天室…</translation>
    </message>
    <message>
        <source>No listed room matches “%1”. Join opens it by that name or address; a new room is created if you may.</source>
        <translation>没有聊天室与“%1”匹配。点击“加入”将按此名称或地址打开；如您有权限，将创建新聊天室。</translation>
    </message>
    <message>
        <source>No public rooms yet. Type a name to join an unlisted room, or create one.</source>
        <translation>还没有公开的聊天室。输入名称可加入未列出的聊天室，或创建一个。</translation>
    </message>
    <message numerus="yes">
        <source>%n room(s) listed</source>
        <translation>
            <numerusform>共 %n 个聊天室</numerusform>
        </translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>聊天室</translation>
    </message>
    <message>
        <source>Rooms on %1. Pick one to join, or type the name of a room that is not listed.</source>
        <translation>%1 上的聊天室。选择一个加入，或输入未列出的聊天室名称。</translation>
    </message>
    <message>
        <source>Filter, or type a room name or address</source>
        <translation>筛选，或输入聊天室名称或地址</translation>
    </message>
    <message>
        <source>Filter rooms or type a room name</source>
        <translation>筛选聊天室或输入聊天室名称</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>聊天室</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Create Room…</source>
        <translation>创建聊天室(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>加入(&amp;J)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>flint::ui::RoomWindow</name>
    <message>
        <source>Change the subject</source>
        <translation>更改主题</translation>
    </message>
    <message>
        <source>Invite someone to this room</source>
        <translation>邀请他人加入此聊天室</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>Room menu</source>
        <translation>聊天室菜单</translation>
    </message>
    <message>
        <source>Send a file to the room</source>
        <translation>向聊天室发送文件</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参与者</translation>
    </message>
    <message>
        <source>Message to the room</source>
        <translation>发往聊天室的消息</translation>
    </message>
    <message>
        <source>&amp;Invite…</source>
        <translation>邀请(&amp;I)…</translation>
    </message>
    <message>
        <source>Send &amp;File…</source>
        <translation>发送文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Change &amp;Nickname…</source>
        <translation>更改昵称(&amp;N)…</translation>
    </message>
    <message>
        <source>Change &amp;Subject…</source>
        <translation>更改主题(&amp;S)…</translation>
    </message>
    <message>
        <source>Room &amp;Settings…</source>
        <translation>聊天室设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Destroy Room…</source>
        <translation>销毁聊天室(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Leave Room</source>
        <translation>离开聊天室(&amp;L)</translation>
    </message>
    <message>
        <source>No subject</source>
        <translation>无主题</translation>
    </message>
    <message>
        <source>(%1) %2 — Flint</source>
        <comment>unread count, room name</comment>
        <translation>(%1) %2 — Flint</translation>
    </message>
    <message>
        <source>%1 — Flint</source>
        <comment>room name</comment>
        <translation>%1 — Flint</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Rejoining the room…</source>
        <translation>正在重新加入聊天室…</translation>
    </message>
    <message>
        <source>Joining the room…</source>
        <translation>正在加入聊天室…</translation>
    </message>
    <message>
        <source>Could not join the room: %1</source>
        <translation>无法加入聊天室：%1</translation>
    </message>
    <message>
        <source>You need a voice to speak in this room</source>
        <translation>您需要获得发言权才能在此聊天室发言</translation>
    </message>
    <message>
        <source>Waiting for the room…</source>
        <translation>正在等待聊天室…</translation>
    </message>
    <message>
        <source>You are not in this room</source>
        <translation>您不在此聊天室中</translation>
    </message>
    <message>
        <source>Edit &amp;Bookmark…</source>
        <translation>编辑书签(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Bookmark…</source>
        <translation>加入书签(&amp;B)…</translation>
    </message>
    <message>
        <source>Edit this room&apos;s bookmark</source>
        <translation>编辑此聊天室的书签</translation>
    </message>
    <message>
        <source>Bookmark this room</source>
        <translation>将此聊天室加入书签</translation>
    </message>
    <message>
        <source>You left the room.</source>
        <translation>您已离开聊天室。</translation>
    </message>
    <message>
        <source>You were removed from the room.</source>
        <translation>您已被移出聊天室。</translation>
    </message>
    <message>
        <source>You were banned from the room.</source>
        <translation>您已被禁止进入聊天室。</translation>
    </message>
    <message>
        <source>The room was destroyed.</source>
        <translation>聊天室已被销毁。</translation>
    </message>
    <message>
        <source>The room is for members only and you are no longer a member.</source>
        <translation>此聊天室仅限成员，而您已不再是成员。</translation>
    </message>
    <message>
        <source>The room service is shutting down.</source>
        <translation>聊天室服务正在关闭。</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>%1: </source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Private &amp;Chat</source>
        <translation>私聊(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Mention</source>
        <translation>提及(&amp;M)</translation>
    </message>
    <message>
        <source>Grant &amp;Voice</source>
        <translation>授予发言权(&amp;V)</translation>
    </message>
    <message>
        <source>Revoke &amp;Voice…</source>
        <translation>撤销发言权(&amp;V)…</translation>
    </message>
    <message>
        <source>Revoke Voice</source>
        <translation>撤销发言权</translation>
    </message>
    <message>
        <source>Why may %1 no longer speak?</source>
        <translation>为什么 %1 不能再发言？</translation>
    </message>
    <message>
        <source>Revoke M&amp;oderator</source>
        <translation>撤销主持人(&amp;O)</translation>
    </message>
    <message>
        <source>Make M&amp;oderator</source>
        <translation>设为主持人(&amp;O)</translation>
    </message>
    <message>
        <source>Revoke Mem&amp;bership</source>
        <translation>撤销成员资格(&amp;B)</translation>
    </message>
    <message>
        <source>Make Mem&amp;ber</source>
        <translation>设为成员(&amp;B)</translation>
    </message>
    <message>
        <source>Make &amp;Admin</source>
        <translation>设为管理员(&amp;A)</translation>
    </message>
    <message>
        <source>Make O&amp;wner</source>
        <translation>设为所有者(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Kick…</source>
        <translation>踢出(&amp;K)…</translation>
    </message>
    <message>
        <source>Kick</source>
        <translation>踢出</translation>
    </message>
    <message>
        <source>Remove %1 from the room. Reason (optional):</source>
        <translation>将 %1 移出聊天室。原因（可选）：</translation>
    </message>
    <message>
        <source>Ba&amp;n…</source>
        <translation>禁止(&amp;N)…</translation>
    </message>
    <message>
        <source>Ban</source>
        <translation>禁止</translation>
    </message>
    <message>
        <source>Ban %1 (%2) from the room for good. Reason (optional):</source>
        <translation>永久禁止 %1（%2）进入聊天室。原因（可选）：</translation>
    </message>
    <message>
        <source>Send Files to %1</source>
        <translation>向 %1 发送文件</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>file name: error</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Change Nickname</source>
        <translation>更改昵称</translation>
    </message>
    <message>
        <source>Your nickname in %1:</source>
        <translation>您在 %1 中的昵称：</translation>
    </message>
    <message>
        <source>Change Subject</source>
        <translation>更改主题</translation>
    </message>
    <message>
        <source>Subject of %1:</source>
        <translation>%1 的主题：</translation>
    </message>
    <message>
        <source>Destroy Room</source>
        <translation>销毁聊天室</translation>
    </message>
    <message>
        <source>Destroy %1? Everyone in it is removed and its settings are lost. Reason (optional):</source>
        <translation>销毁 %1？所有人都将被移出，设置也会丢失。原因（可选）：</translation>
    </message>
    <message>
        <source>Destroy</source>
        <translation>销毁</translation>
    </message>
    <message>
        <source>as %1</source>
        <comment>own nick in the room</comment>
        <translation>昵称 %1</translation>
    </message>
    <message>
        <source>Your nickname in this room</source>
        <translation>您在此聊天室中的昵称</translation>
    </message>
    <message>
        <source>Write to the room</source>
        <translation>在聊天室中发言</translation>
    </message>
    <message>
        <source>Drop files here to share them in %1</source>
        <translation>将文件拖放到这里以分享到 %1</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Join Again</source>
        <translation>重新加入</translation>
    </message>
</context>
<context>
    <name>flint::ui::RosterDelegate</name>
    <message>
        <source>Waiting for approval</source>
        <translation>等待对方同意</translation>
    </message>
</context>
<context>
    <name>flint::ui::SearchBar</name>
    <message>
        <source>Find in conversation (%1)</source>
        <translation>在聊天中查找（%1）</translation>
    </message>
    <message>
        <source>Find in conversation</source>
        <translation>在聊天中查找</translation>
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation>较早的匹配项（Enter）</translation>
    </message>
    <message>
        <source>Older match</source>
        <translation>较早的匹配项</translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation>较新的匹配项（Shift+Enter）</translation>
    </message>
    <message>
        <source>Newer match</source>
        <translation>较新的匹配项</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>关闭查找栏（Esc）</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 项，共 %2 项</translation>
    </message>
    <message>
        <source>No newer matches</source>
        <translation>没有较新的匹配项</translation>
    </message>
    <message>
        <source>No match yet; Enter looks further back</source>
        <translation>暂无匹配项；按 Enter 继续向前查找</translation>
    </message>
    <message>
        <source>No older matches</source>
        <translation>没有较早的匹配项</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配项</translation>
    </message>
</context>
<context>
    <name>flint::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>通用</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>在线状态</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>设置页面</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Start Flint when I log in</source>
        <translation>开机时自动启动 Flint</translation>
    </message>
    <message>
        <source>Flint could not change whether it starts when you log in to the computer.</source>
        <translation>Flint 无法更改开机启动设置。</translation>
    </message>
    <message>
        <source>Keep running in the tray when the window is closed</source>
        <translation>关闭窗口后在托盘中继续运行</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>&amp;Font size</source>
        <translation>字体大小(&amp;F)</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字体大小</translation>
    </message>
    <message>
        <source>Show a notification when a message arrives</source>
        <translation>收到消息时显示通知</translation>
    </message>
    <message>
        <source>Play a sound with the notification</source>
        <translation>显示通知时播放提示音</translation>
    </message>
    <message>
        <source>Set me &amp;away after</source>
        <translation>闲置后自动离开(&amp;A)</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Minutes until away</source>
        <translation>自动离开前的闲置分钟数</translation>
    </message>
    <message>
        <source>Your status changes to Away when you have not used the keyboard or mouse for this long, and back when you return.</source>
        <translation>如果你在这段时间内没有使用键盘或鼠标，状态会自动变为“离开”，回来后自动恢复。</translation>
    </message>
    <message>
        <source>Save &amp;downloads to</source>
        <translation>下载文件保存到(&amp;D)</translation>
    </message>
    <message>
        <source>Downloads folder</source>
        <translation>下载文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the Downloads Folder</source>
        <translation>选择下载文件夹</translation>
    </message>
    <message>
        <source>Open the chat window when a new conversation starts</source>
        <translation>新对话开始时打开聊天窗口</translation>
    </message>
</context>
<context>
    <name>flint::ui::StatusSelector</name>
    <message>
        <source>Availability</source>
        <translation>在线状态</translation>
    </message>
    <message>
        <source>Your availability, as your contacts see it</source>
        <translation>联系人看到的你的在线状态</translation>
    </message>
    <message>
        <source>What are you doing?</source>
        <translation>你在忙什么？</translation>
    </message>
    <message>
        <source>Status message</source>
        <translation>状态消息</translation>
    </message>
</context>
<context>
    <name>flint::ui::SubscriptionPrompt</name>
    <message>
        <source>%1 wants to see when you are online</source>
        <translation>%1 请求查看你的在线状态</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Share your presence and add them to your contacts</source>
        <translation>共享你的在线状态，并将对方添加为联系人</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Do not share your presence</source>
        <translation>不共享你的在线状态</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Decide at your next login</source>
        <translation>下次登录时再决定</translation>
    </message>
    <message>
        <source>Contact request from %1</source>
        <translation>来自 %1 的联系人申请</translation>
    </message>
</context>
<context>
    <name>flint::ui::TranscriptView</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy &amp;Link Address</source>
        <translation>复制链接地址(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Open Link</source>
        <translation>打开链接(&amp;O)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>No messages yet. Say hello!</source>
        <translation>还没有消息，打个招呼吧！</translation>
    </message>
    <message>
        <source>&amp;Download File</source>
        <translation>下载文件(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel &amp;Download</source>
        <translation>取消下载(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Open File</source>
        <translation>打开文件(&amp;O)</translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation>在文件夹中显示(&amp;F)</translation>
    </message>
</context>
<context>
    <name>flint::ui::TransferRow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this transfer</source>
        <translation>停止此次传输</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Open the folder that holds the file</source>
        <translation>打开文件所在的文件夹</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Verified: the file&apos;s checksum matches what the sender announced</source>
        <translation>已校验：文件的校验和与发送方声明的一致</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>发给 %1</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>peer · transfer method</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source> · </source>
        <comment>separator of the parts of a transfer&apos;s state</comment>
        <translation> · </translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>flint::ui::TransferText</name>
    <message>
        <source>unknown size</source>
        <translation>大小未知</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <comment>bytes done of total size</comment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>transfer speed</comment>
        <translation>%1/秒</translation>
    </message>
    <message numerus="yes">
        <source>%n s left</source>
        <translation>
            <numerusform>剩余 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>剩余 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>剩余 %1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>直连</translation>
    </message>
    <message>
        <source>via the server&apos;s proxy</source>
        <translation>经服务器代理</translation>
    </message>
    <message>
        <source>in-band</source>
        <translation>带内</translation>
    </message>
    <message>
        <source>upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Waiting for you to accept</source>
        <translation>等待你接受</translation>
    </message>
    <message>
        <source>Waiting for the recipient to accept</source>
        <translation>等待对方接受</translation>
    </message>
    <message>
        <source>Preparing the upload…</source>
        <translation>正在准备上传…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>正在接收…</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在校验文件…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>flint::ui::TransfersWindow</name>
    <message>
        <source>File Transfers</source>
        <translation>文件传输</translation>
    </message>
    <message>
        <source>No file transfers yet.
Send a file from a chat with the paper clip button, or drop it onto the chat.</source>
        <translation>还没有文件传输。
在聊天中点击回形针按钮发送文件，或将文件拖放到聊天中。</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>清除已结束(&amp;L)</translation>
    </message>
    <message>
        <source>Remove finished, failed and cancelled transfers from the list</source>
        <translation>从列表中移除已完成、失败和已取消的传输</translation>
    </message>
    <message>
        <source>Open &amp;Downloads Folder</source>
        <translation>打开下载文件夹(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>File transfers</source>
        <translation>文件传输</translation>
    </message>
</context>
<context>
    <name>flint::ui::TrayIcon</name>
    <message>
        <source>Flint — %1</source>
        <translation>Flint — %1</translation>
    </message>
    <message numerus="yes">
        <source>Flint — %1 — %n unread message(s)</source>
        <translation>
            <numerusform>Flint — %1 — %n 条未读消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Flint</source>
        <translation>打开 Flint</translation>
    </message>
    <message>
        <source>Log Out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <comment>nick in room</comment>
        <translation>%1 在 %2</translation>
    </message>
    <message>
        <source>%1 wants to send you a file</source>
        <translation>%1 想发送一个文件给你</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>file name (size)</comment>
        <translation>%1（%2）</translation>
    </message>
</context>
</TS>
