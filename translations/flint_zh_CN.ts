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
        <source>Find in conversation (%1)</source>
        <translation>在聊天中查找（%1）</translation>
    </message>
    <message>
        <source>Find in conversation</source>
        <translation>在聊天中查找</translation>
    </message>
    <message>
        <source>View profile</source>
        <translation>查看个人资料</translation>
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
        <source>Dismiss</source>
        <translation>关闭</translation>
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
    <name>flint::ui::RosterDelegate</name>
    <message>
        <source>Waiting for approval</source>
        <translation>等待对方同意</translation>
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
</context>
</TS>
